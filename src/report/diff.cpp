// SPDX-License-Identifier: Apache-2.0
#include "report/diff.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <vector>
#include <sstream>

#include "report/clean_text.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using nlohmann::json;

bool bad(const std::string& state) { return state == "fail" || state == "error"; }

// A report as diff reads it: results by key and, for v2, the subjects'
// names its instances refer to by position. A report is input: a part of
// another shape counts as nothing, never throws.
struct Results {
  std::map<std::string, const json*> by_key;
  std::vector<std::string> subject_names;  ///< v2
  bool v2 = false;
};

std::string text_at(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

double score_of(const json& report) {
  const auto summary = report.find("summary");
  if (summary == report.end() || !summary->is_object()) return 0;
  const auto score = summary->find("score");
  return score != summary->end() && score->is_number() ? score->get<double>() : 0;
}

std::string instance_name(const json& instance, const Results& report) {
  if (!report.v2) return text_at(instance, "name");
  const auto subject = instance.find("subject");
  if (subject == instance.end() || !subject->is_number_integer() || subject->get<std::int64_t>() < 0) return {};
  const auto at = subject->get<std::uint64_t>();
  return at < report.subject_names.size() ? report.subject_names[at] : std::string();
}

std::set<std::string> failing_instances(const json& result, const Results& report) {
  std::set<std::string> names;
  const auto found = result.find("instances");
  if (found == result.end() || !found->is_array()) return names;
  for (const auto& instance : *found) {
    if (!instance.is_object() || !bad(text_at(instance, "state"))) continue;
    if (auto name = instance_name(instance, report); !name.empty()) names.insert(std::move(name));
  }
  return names;
}

std::expected<Results, std::string> read_results(const json& report, const char* which) {
  const auto schema = report.is_object() ? text_at(report, "schema") : std::string();
  const auto results = report.is_object() ? report.find("results") : report.end();
  if ((schema != "dockcis.report/v1" && schema != "dockcis.report/v2") || results == report.end() || !results->is_array()) {
    return std::unexpected(std::string(which) + " is not a dockcis JSON report (schema dockcis.report/v1 or v2)");
  }
  Results out;
  out.v2 = schema == "dockcis.report/v2";
  for (const auto& result : *results) {
    if (result.is_object()) out.by_key[text_at(result, "key")] = &result;
  }
  if (const auto subjects = report.find("subjects"); out.v2 && subjects != report.end() && subjects->is_array()) {
    for (const auto& subject : *subjects) out.subject_names.push_back(subject.is_object() ? text_at(subject, "name") : std::string());
  }
  return out;
}

void write(std::ostream& out, const char* heading, const std::vector<Change>& changes) {
  if (changes.empty()) return;
  out << "\n" << heading << " (" << changes.size() << ")\n";
  for (const auto& change : changes) {
    out << "  " << change.id << " " << change.title << ": " << change.old_state << " -> " << change.new_state << "\n";
    for (const auto& name : change.newly_failing) out << "      now failing: " << clean_text(name) << "\n";
    for (const auto& name : change.fixed) out << "      fixed: " << clean_text(name) << "\n";
  }
}

json changes_json(const std::vector<Change>& changes) {
  json out = json::array();
  for (const auto& c : changes) {
    out.push_back({{"key", c.key}, {"id", c.id}, {"title", c.title}, {"old_state", c.old_state}, {"new_state", c.new_state},
                   {"newly_failing", c.newly_failing}, {"fixed", c.fixed}});
  }
  return out;
}

}  // namespace

std::expected<ReportDiff, std::string> diff_reports(const json& older, const json& newer) {
  const auto old_report = read_results(older, "the older report");
  if (!old_report) return std::unexpected(old_report.error());
  const auto new_report = read_results(newer, "the newer report");
  if (!new_report) return std::unexpected(new_report.error());
  ReportDiff diff;
  diff.old_score = score_of(older);
  diff.new_score = score_of(newer);
  for (const auto& item : newer.at("results")) {
    if (!item.is_object()) continue;
    const auto* result = &item;
    const auto key = text_at(*result, "key");
    const auto previous = old_report->by_key.find(key);
    const bool existed = previous != old_report->by_key.end();
    Change change{key, text_at(*result, "id"), text_at(*result, "title"), existed ? text_at(*previous->second, "state") : "absent",
                  text_at(*result, "state"), {}, {}};
    const auto before = existed ? failing_instances(*previous->second, *old_report) : std::set<std::string>{};
    const auto now = failing_instances(*result, *new_report);
    std::ranges::set_difference(now, before, std::back_inserter(change.newly_failing));
    std::ranges::set_difference(before, now, std::back_inserter(change.fixed));
    if ((bad(change.new_state) && !bad(change.old_state)) || !change.newly_failing.empty()) {
      diff.regressions.push_back(std::move(change));
    } else if ((bad(change.old_state) && !bad(change.new_state)) || !change.fixed.empty()) {
      diff.fixes.push_back(std::move(change));
    } else if (change.old_state != change.new_state) {
      diff.other.push_back(std::move(change));
    }
  }
  return diff;
}

std::string render_diff_text(const ReportDiff& diff) {
  std::ostringstream out;
  const double delta = diff.new_score - diff.old_score;
  out << "Score " << util::fixed(diff.old_score, 1) << "% -> " << util::fixed(diff.new_score, 1) << "% ("
      << (delta >= 0 ? "+" : "") << util::fixed(delta, 1) << ")\n";
  out << diff.regressions.size() << " newly failing, " << diff.fixes.size() << " fixed, " << diff.other.size() << " other changes\n";
  write(out, "Newly failing", diff.regressions);
  write(out, "Fixed", diff.fixes);
  write(out, "Other changes", diff.other);
  return out.str();
}

json diff_to_json(const ReportDiff& diff) {
  return {{"schema", "dockcis.diff/v1"},
          {"old_score", diff.old_score},
          {"new_score", diff.new_score},
          {"regressions", changes_json(diff.regressions)},
          {"fixes", changes_json(diff.fixes)},
          {"other", changes_json(diff.other)}};
}

}  // namespace dockcis::report
