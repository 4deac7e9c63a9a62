// SPDX-License-Identifier: Apache-2.0
#include "report/html_instances.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "report/clean_text.hpp"
#include "report/grouping.hpp"
#include "report/html_text.hpp"
#include "report/json_text.hpp"
#include "report/values.hpp"
#include "util/word_scan.hpp"

namespace dockcis::report::html {
namespace {

using model::State;

// An instance's evidence as lines of text. What the instances of a check
// share (each probe's label and expectation) is phrased once per table.
class EvidenceText {
 public:
  /// The text, valid until the next call: one buffer serves every row.
  const std::string& of(const model::InstanceResult& instance) {
    auto& text = text_;
    text.clear();
    for (const auto& item : instance.evidence) {
      const auto& [label, expected] = phrases_.of(item);
      text += label;
      append_value_text(text, item.actual);
      text += expected;
      if (!item.note.empty()) text.append("  [").append(item.note).append("]");
      text += '\n';
    }
    return text;
  }

 private:
  ProbePhrases phrases_{": ", "  (expected ", ")"};
  std::string text_;
};

std::string display_name(const model::InstanceResult& instance) {
  return instance.name().empty() ? instance.id().substr(0, 12) : instance.name();
}

std::string result_text(const model::InstanceResult& instance) {
  return instance.reason + (instance.waiver.empty() ? "" : " (waiver " + instance.waiver + ")");
}

// The summary above the table: the instances that fail (or could not be
// decided) for the same reason together, with the first few names.
void instance_groups(HtmlText& html, const model::CheckResult& result) {
  constexpr std::size_t kNamesShown = 10;
  constexpr std::array kShown{State::fail, State::error};
  const auto groups = group_instances(result.instances, kShown);
  if (groups.empty()) return;
  constexpr std::size_t kGroupsShown = 10;
  html.open("ul", "groups");
  const auto shown = std::min(groups.size(), kGroupsShown);
  for (const auto& group : std::span(groups).first(shown)) {
    html.open("li");
    state_badge(html, group.state);
    html.text(" " + group.reason + ": " + share_text(group.members.size(), result.instances.size(), result.collection) + ": " +
              member_names(group, kNamesShown));
    html.close();
  }
  // Reasons naming per-instance values can make a group of each instance; the table below lists every one.
  if (shown < groups.size()) html.element("li", rest_text(std::span(groups).subspan(shown), result.collection) + " (in the table below)");
  html.close();
}

void instance_row(HtmlText& html, const model::InstanceResult& instance, EvidenceText& evidence) {
  html.open("tr").open("td", "iname").element("div", display_name(instance), "name");
  if (!instance.id().empty()) html.element("code", instance.id().substr(0, 12), "muted");
  html.close().open("td", "iimage").element("code", instance.image()).close();
  html.open("td");
  state_badge(html, instance.state);
  if (instance.original_state) html.element("div", "was " + std::string(model::to_string(*instance.original_state)), "muted");
  html.close();
  html.element("td", result_text(instance));
  html.open("td").element("pre", evidence.of(instance)).close();
  html.close();
}

// Whether a word of text may hold '<', '>' or '&'.
bool may_need_script_escape(std::uint64_t word) {
  using namespace util::words;
  return any_equal(word, '<') || any_equal(word, '>') || any_equal(word, '&');
}

// The row data as JSON text, with '<', '>' and '&' written as escapes;
// eight bytes at a time past the runs without them (nearly all of it), and
// the text itself when it holds none.
std::string script_safe(std::string text) {
  std::string out;
  std::size_t plain = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    while (at + util::words::kWord <= text.size() && !may_need_script_escape(util::words::load(text.data() + at))) {
      at += util::words::kWord;
    }
    if (at == text.size()) break;
    const char c = text[at];
    if (c != '<' && c != '>' && c != '&') continue;
    if (plain == 0) out.reserve(text.size() + text.size() / 8);
    out.append(text, plain, at - plain);
    out += c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026";
    plain = at + 1;
  }
  if (plain == 0) return text;
  out.append(text, plain);
  return out;
}

// Every row as the script's pager reads it: {"rows": [[subject, state, state
// before a waiver, result, evidence], ...], "strings": [...]}: the subject a
// position in the report's subjects (SubjectTexts), each other field an index
// into "strings", since a thousand containers share a few reasons and
// evidence texts. Inside <script> HTML decodes no entities, so '<', '>' and
// '&' are written as JSON escapes, which also keeps "</script>" in a host
// value from ending the element.
std::string rows_data(const std::vector<model::InstanceResult>& instances, EvidenceText& evidence, SubjectTexts& subjects) {
  // Written as nlohmann's compact dump of that document would be, without
  // building it. Results and evidence, which may differ for every container,
  // are looked up as built, once per row: most rows repeat a few, and a new
  // one is cleaned and interned by its cleaned text (two that clean alike
  // share an entry). Both let go with the table.
  std::unordered_map<std::string_view, std::size_t, TextHash, std::equal_to<>> index;  // views into `cleaned` and static names
  std::vector<std::string_view> strings;
  const auto intern = [&](std::string_view text) {
    const auto [found, added] = index.try_emplace(text, strings.size());
    if (added) strings.push_back(text);
    return found->second;
  };
  std::unordered_map<std::string, std::size_t, TextHash, std::equal_to<>> seen[2];  // a row's text as built -> its entry
  std::deque<std::string> cleaned;  // stays where it is as it grows, for `index`'s views
  const auto intern_clean = [&](std::string_view raw, bool keep_lines = false) {
    auto& known = seen[keep_lines ? 1 : 0];
    if (const auto found = known.find(raw); found != known.end()) return found->second;
    const auto entry = intern(cleaned.emplace_back(clean_text(raw, keep_lines)));
    known.emplace(std::string(raw), entry);
    return entry;
  };
  // A state's entry, interned when a row first has it.
  std::array<std::size_t, model::kAllStates.size() + 1> state_entries;
  state_entries.fill(SIZE_MAX);
  const auto intern_state = [&](std::optional<State> state) {
    auto& entry = state_entries[state ? static_cast<std::size_t>(*state) : model::kAllStates.size()];
    if (entry == SIZE_MAX) entry = intern(state ? model::to_string(*state) : std::string_view());
    return entry;
  };
  std::string text = "{\"rows\":[";
  for (const auto& instance : instances) {
    const std::size_t row[] = {subjects.position(*instance.subject), intern_state(instance.state), intern_state(instance.original_state),
                               intern_clean(result_text(instance)), intern_clean(evidence.of(instance), true)};
    if (text.back() != '[') text += ',';
    text += '[';
    for (const auto field : row) text.append(std::to_string(field)).append(",");
    text.back() = ']';
  }
  text += "],\"strings\":[";
  for (const auto string : strings) {
    util::append_json_string(text, string);
    text += ',';
  }
  if (text.back() == ',') text.pop_back();
  text += "]}";
  return script_safe(std::move(text));
}

// A long list: the pager's controls (hidden until the script runs, like the
// filter bar), the first page as rows (what a reader without JavaScript or
// a printer sees, with a note saying so), every row as data the script pages through.
void paged_table(HtmlText& html, const model::CheckResult& result, EvidenceText& evidence, SubjectTexts& subjects) {
  html.open("div", "pager hidden");
  for (const auto& [css_class, text] : {std::pair{"prev", "Previous"}, {"next", "Next"}}) {
    html.open("button", css_class).attribute("type", "button").text(text).close();
  }
  html.open("label").open("input", "failing-only").attribute("type", "checkbox").close().text(" failing and undecided only").close();
  html.open("span", "page-label").close();
  html.close();
  const auto count = result.instances.size();
  const std::string id = "instances-" + result.id;
  html.open("table", "instances")
      .attribute("data-rows", id)
      .attribute("data-page-size", std::to_string(kInstancesPerPage))
      .attribute("data-count", std::to_string(count));
  html.open("thead");
  header_row(html, {"Name", "Image", "State", "Result", "Evidence"});
  html.close().open("tbody");
  for (const auto& instance : std::span(result.instances).first(kInstancesPerPage)) instance_row(html, instance, evidence);
  html.close().close();
  html.element("p",
               "The first " + share_text(kInstancesPerPage, count, result.collection) +
                   " are listed; with JavaScript the table pages through every one, and the JSON report lists each.",
               "muted page-note");
  html.open("script", "instance-rows").attribute("type", "application/json").attribute("id", id);
  html.escaped(rows_data(result.instances, evidence, subjects)).close();
}

}  // namespace

std::size_t SubjectTexts::position(const model::Subject& subject) {
  if (const auto found = by_address_.find(&subject); found != by_address_.end()) return found->second;
  std::string entry = "[";
  const auto add = [&](std::string_view raw, char after) {
    util::append_json_string(entry, clean_text(raw));
    entry += after;
  };
  add(subject.name.empty() ? std::string_view(subject.id).substr(0, 12) : std::string_view(subject.name), ',');
  add(std::string_view(subject.id).substr(0, 12), ',');
  add(subject.image, ']');
  const auto [found, added] = by_text_.try_emplace(std::move(entry), count_);
  if (added) {
    if (count_ != 0) entries_ += ',';
    entries_ += found->first;
    ++count_;
  }
  by_address_.emplace(&subject, found->second);
  return found->second;
}

std::string SubjectTexts::data() const { return script_safe("[" + entries_ + "]"); }

void subject_data(HtmlText& html, const SubjectTexts& subjects) {
  if (subjects.empty()) return;
  html.open("script", "instance-subjects").attribute("type", "application/json").attribute("id", "instance-subjects");
  html.escaped(subjects.data()).close();
}

void instance_table(HtmlText& html, const model::CheckResult& result, SubjectTexts& subjects) {
  if (result.instances.empty()) return;
  int failing = 0;
  for (const auto& instance : result.instances) failing += instance.state == State::fail;
  html.element("h4", "Instances (" + std::to_string(failing) + " of " + std::to_string(result.instances.size()) + " fail)");
  instance_groups(html, result);
  EvidenceText evidence;
  if (result.instances.size() > kInstancesPerPage) return paged_table(html, result, evidence, subjects);
  html.open("table", "instances");
  header_row(html, {"Name", "Image", "State", "Result", "Evidence"});
  for (const auto& instance : result.instances) instance_row(html, instance, evidence);
  html.close();
}

}  // namespace dockcis::report::html
