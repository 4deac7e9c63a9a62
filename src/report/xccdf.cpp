// SPDX-License-Identifier: Apache-2.0
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <pugixml.hpp>

#include "report/clean_text.hpp"
#include "report/render.hpp"
#include "report/size_hints.hpp"
#include "report/values.hpp"
#include "report/xml_out.hpp"
#include "report/xml_text.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;

constexpr const char* kNamespace = "org.dockcis";
constexpr const char* kRuleResultsMarker = "rule-results";
constexpr const char* kCheckSystem = "urn:dockcis:check:v1";

std::string xccdf_id(const char* kind, const std::string& name) {
  // XCCDF 1.2 ids: xccdf_<reverse DNS>_<kind>_<name>; names may not hold spaces.
  std::string clean;
  for (char c : name) clean += (c == ' ' || c == '/') ? '-' : c;
  return std::string("xccdf_") + kNamespace + "_" + kind + "_" + clean;
}

const char* xccdf_result(State state) {
  switch (state) {
    case State::pass: return "pass";
    case State::fail: return "fail";
    case State::error: return "error";
    case State::notapplicable: return "notapplicable";
    case State::manual: return "notchecked";
    case State::notselected: return "notselected";
    case State::info: return "informational";
    case State::waived: return "informational";
  }
  return "unknown";
}

// XCCDF severities stop at "high".
const char* xccdf_severity(model::Severity severity) {
  switch (severity) {
    case model::Severity::critical:
    case model::Severity::high: return "high";
    case model::Severity::medium: return "medium";
    case model::Severity::low: return "low";
    case model::Severity::info: return "info";
  }
  return "unknown";
}

void text_child(pugi::xml_node parent, const char* name, const std::string& text) {
  auto node = parent.append_child(name);
  node.append_attribute("xml:lang") = "en";
  node.text().set(clean_text(text, true).c_str());
}

// The dockcis check that decides a rule, by key in the check catalogue.
void add_check(pugi::xml_node parent, const std::string& key) {
  auto check = parent.append_child("check");
  check.append_attribute("system") = kCheckSystem;
  check.append_attribute("selector") = "dockcis";
  auto content = check.append_child("check-content-ref");
  content.append_attribute("href") = "checks";
  content.append_attribute("name") = key.c_str();
}

std::string xccdf_time(const std::string& rfc3339) { return rfc3339.size() >= 19 ? rfc3339.substr(0, 19) : "1970-01-01T00:00:00"; }

void add_header(pugi::xml_node benchmark, const model::Report& report) {
  benchmark.append_attribute("xmlns") = "http://checklists.nist.gov/xccdf/1.2";
  benchmark.append_attribute("id") = xccdf_id("benchmark", report.profile_id).c_str();
  benchmark.append_attribute("resolved") = "1";
  benchmark.append_attribute("xml:lang") = "en";
  auto status = benchmark.append_child("status");
  status.append_attribute("date") = report.started_at.substr(0, 10).c_str();
  status.text().set("accepted");
  text_child(benchmark, "title", report.profile_title);
  text_child(benchmark, "description", report.profile_title + " evaluated by dockcis " + report.tool.value("version", std::string()) +
                                           "; rule ids are dockcis check keys, titles carry the CIS ids.");
  benchmark.append_child("platform").append_attribute("idref") = "cpe:2.3:a:docker:docker:*:*:*:*:*:*:*:*";
  const auto dash = report.profile_id.rfind('-');
  benchmark.append_child("version").text().set(dash == std::string::npos ? "1" : report.profile_id.substr(dash + 1).c_str());
  auto creator = benchmark.append_child("metadata").append_child("dc:creator");
  creator.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  creator.text().set("dockcis");
  auto profile = benchmark.append_child("Profile");
  profile.append_attribute("id") = xccdf_id("profile", "level" + report.level).c_str();
  text_child(profile, "title", report.level == "1" ? "Level 1" : "Level 1 and Level 2");
  for (const auto& result : report.results) {
    auto select = profile.append_child("select");
    select.append_attribute("idref") = xccdf_id("rule", result.key).c_str();
    select.append_attribute("selected") = result.state == State::notselected ? "false" : "true";
  }
}

void add_rule(pugi::xml_node group, const model::Report& report, const model::CheckResult& result) {
  auto rule = group.append_child("Rule");
  rule.append_attribute("id") = xccdf_id("rule", result.key).c_str();
  rule.append_attribute("severity") = xccdf_severity(result.severity);
  rule.append_attribute("selected") = result.state == State::notselected ? "false" : "true";
  if (result.instances.size() > 0) rule.append_attribute("multiple") = "true";
  text_child(rule, "title", result.id + " " + result.title);
  text_child(rule, "description", result.description);
  for (const auto& reference : result.references) rule.append_child("reference").text().set(reference.c_str());
  for (const auto& control : result.controls) {
    auto mapped = rule.append_child("reference");
    mapped.append_attribute("href") = control.framework == "nist-800-53-r5" ? "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final"
                                                                            : "https://www.cisecurity.org/controls/v8";
    mapped.text().set(clean_text(control.id).c_str());
  }
  if (!result.rationale.empty()) text_child(rule, "rationale", result.rationale);
  auto ident = rule.append_child("ident");
  ident.append_attribute("system") = "https://www.cisecurity.org/benchmark/docker";
  ident.text().set((report.profile_id + ":" + result.id).c_str());
  text_child(rule, "fixtext", result.remediation);
  add_check(rule, result.key);
}

void add_target(pugi::xml_node test, const model::Report& report) {
  test.append_attribute("id") = xccdf_id("testresult", report.profile_id).c_str();
  test.append_attribute("start-time") = xccdf_time(report.started_at).c_str();
  test.append_attribute("end-time") = xccdf_time(report.finished_at).c_str();
  test.append_attribute("version") = report.tool.value("version", std::string("0")).c_str();
  test.append_attribute("test-system") = ("cpe:/a:dockcis:dockcis:" + report.tool.value("version", std::string("0"))).c_str();
  text_child(test, "title", "dockcis audit " + report.run_id);
  auto identity = test.append_child("identity");
  identity.append_attribute("authenticated") = "false";
  identity.append_attribute("privileged") = "true";
  identity.text().set("dockcis");
  test.append_child("profile").append_attribute("idref") = xccdf_id("profile", "level" + report.level).c_str();
  const std::string hostname = clean_text(host_text(report, "hostname", "localhost"));
  test.append_child("target").text().set(hostname.empty() ? "localhost" : hostname.c_str());
  auto facts = test.append_child("target-facts");
  for (const auto& [name, value] : {std::pair{"urn:xccdf:fact:asset:identifier:host_name", host_text(report, "hostname")},
                                    {"urn:xccdf:fact:asset:identifier:machine_id", host_text(report, "machine_id")},
                                    {"urn:dockcis:fact:docker_version", host_text(report, "docker_version")}}) {
    auto fact = facts.append_child("fact");
    fact.append_attribute("name") = name;
    fact.append_attribute("type") = "string";
    fact.text().set(clean_text(value).c_str());
  }
}

// What every rule-result of one check shares, made once for its thousand
// containers: its first line and its last four, as IndentedXml writes them
// two levels down.
struct RuleResultCommon {
  std::string time;
  std::string head;  ///< `<rule-result idref severity time>`
  std::string tail;  ///< `<check>`, its `<check-content-ref />`, `</check>`, `</rule-result>`

  void start_check(const model::CheckResult& result) {
    const auto idref = xccdf_id("rule", result.key);
    head.clear();
    IndentedXml(head, "  ", 2).open("rule-result", {{"idref", idref}, {"severity", xccdf_severity(result.severity)}, {"time", time}});
    tail.clear();
    IndentedXml inner(tail, "  ", 3);
    inner.open("check", {{"system", kCheckSystem}, {"selector", "dockcis"}});
    inner.empty("check-content-ref", {{"href", "checks"}, {"name", result.key}});
    inner.close();
    tail += "    </rule-result>\n";
  }
};

// One line of a rule-result (three levels down) for each distinct text, made
// once: a check's reason and a container's name recur across a thousand
// rule-results, and cleaning and escaping them was most of the file's cost.
class RuleResultLines {
 public:
  const std::string& of(std::string_view raw, const char* element, IndentedXml::Attributes attributes) {
    if (const auto found = lines_.find(raw); found != lines_.end()) return found->second;
    std::string line;
    IndentedXml(line, "  ", 3).text(element, attributes, clean_text(raw));
    return lines_.emplace(std::string(raw), std::move(line)).first->second;
  }
  void clear() { lines_.clear(); }

 private:
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> lines_;
};

// The texts of the rule-results of one report: the messages of the check
// being written (each state's severity apart), the containers' names of all.
struct RuleResultTexts {
  RuleResultLines errors;
  RuleResultLines infos;
  RuleResultLines instances;
};

/// One rule-result: of a host-wide check (`instance` null) or of one container,
/// written as pugixml would print it two levels down.
void write_rule_result(std::string& out, const RuleResultCommon& common, RuleResultTexts& texts, State state,
                       const std::string& reason, const model::InstanceResult* instance, const model::CheckResult& result,
                       const std::optional<State>& original) {
  out += common.head;
  IndentedXml inner(out, "  ", 3);
  inner.text("result", {}, xccdf_result(state));
  if (state == State::waived && original) {
    inner.open("override", {{"time", common.time}, {"authority", "dockcis waivers"}});
    inner.text("old-result", {}, xccdf_result(*original));
    inner.text("new-result", {}, xccdf_result(state));
    inner.text("remark", {{"xml:lang", "en"}}, clean_text("waived: " + (instance != nullptr ? instance->waiver : result.waiver), true));
    inner.close();
  }
  if (!reason.empty()) {
    const bool error = state == State::fail || state == State::error;
    out += error ? texts.errors.of(reason, "message", {{"severity", "error"}}) : texts.infos.of(reason, "message", {{"severity", "info"}});
  }
  if (instance != nullptr) out += texts.instances.of(instance->name(), "instance", {{"context", "container"}});
  out += common.tail;
}

void add_scores(pugi::xml_node test, const model::Summary& summary) {
  auto score = test.append_child("score");
  score.append_attribute("system") = "urn:xccdf:scoring:default";
  score.append_attribute("maximum") = "100";
  score.text().set(util::fixed(summary.xccdf_default, 2).c_str());
  auto flat = test.append_child("score");
  flat.append_attribute("system") = "urn:xccdf:scoring:flat";
  flat.append_attribute("maximum") = util::fixed(summary.flat_max, 2).c_str();
  flat.text().set(util::fixed(summary.flat_score, 2).c_str());
}

}  // namespace

void render_xccdf(const model::Report& report, TextOut& text_out) {
  pugi::xml_document document;
  auto benchmark = document.append_child("Benchmark");
  add_header(benchmark, report);
  for (const auto& [section_id, section_title] : report.sections) {
    auto group = benchmark.append_child("Group");
    group.append_attribute("id") = xccdf_id("group", "section-" + section_id).c_str();
    text_child(group, "title", section_id + " " + section_title);
    for (const auto& result : report.results) {
      if (result.section == section_id) add_rule(group, report, result);
    }
  }
  auto test = benchmark.append_child("TestResult");
  add_target(test, report);
  test.append_child(pugi::node_comment).set_value(kRuleResultsMarker);
  add_scores(test, report.summary);
  // One rule-result per container and check is most of the file at a
  // thousand containers: each is printed alone from a scratch document, in
  // the marker's line, rather than all held as one DOM.
  XmlSkeleton skeleton(document, "  ");
  auto& out = text_out.text();
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (text_out.whole()) {
    const auto hint = xccdf_rule_results_size_hint(report);
    out.reserve(out.size() + skeleton.size() + hint + hint / 4);  // the estimate's margin: it stays within a quarter
  }
  skeleton.copy_to(kRuleResultsMarker, text_out);
  RuleResultCommon common;
  common.time = xccdf_time(report.finished_at);
  RuleResultTexts texts;
  const auto print = [&](const model::CheckResult& result, State state, const std::string& reason, const model::InstanceResult* instance,
                         const std::optional<State>& original) {
    write_rule_result(out, common, texts, state, reason, instance, result, original);
    text_out.spill_if_full();
  };
  for (const auto& result : report.results) {
    common.start_check(result);
    // A check's reasons seldom recur in the next one's.
    texts.errors.clear();
    texts.infos.clear();
    if (result.instances.empty()) {
      print(result, result.state, result.reason, nullptr, result.original_state);
    } else {
      for (const auto& instance : result.instances) print(result, instance.state, instance.reason, &instance, instance.original_state);
    }
  }
  skeleton.copy_rest(text_out);
}

std::string render_xccdf(const model::Report& report) {
  TextOut out;
  render_xccdf(report, out);
  return out.finish();
}

}  // namespace dockcis::report
