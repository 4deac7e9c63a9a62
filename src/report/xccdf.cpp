// SPDX-License-Identifier: Apache-2.0
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "report/clean_text.hpp"
#include "report/render.hpp"
#include "report/size_hints.hpp"
#include "report/values.hpp"
#include "report/xml_text.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;

constexpr const char* kNamespace = "org.dockcis";
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

// An element of English text: cleaned for the reader, lines kept.
void english(IndentedXml& xml, std::string_view name, std::string_view text) {
  xml.text(name, {{"xml:lang", "en"}}, clean_text(text, true));
}

// The dockcis check that decides a rule, by key in the check catalogue.
void write_check(IndentedXml& xml, const std::string& key) {
  xml.open("check", {{"system", kCheckSystem}, {"selector", "dockcis"}});
  xml.empty("check-content-ref", {{"href", "checks"}, {"name", key}});
  xml.close();
}

std::string xccdf_time(const std::string& rfc3339) { return rfc3339.size() >= 19 ? rfc3339.substr(0, 19) : "1970-01-01T00:00:00"; }

const char* selected(const model::CheckResult& result) { return result.state == State::notselected ? "false" : "true"; }

// The Benchmark's own elements, up to its first Group.
void write_header(IndentedXml& xml, const model::Report& report) {
  xml.text("status", {{"date", report.started_at.substr(0, 10)}}, "accepted");
  english(xml, "title", report.profile_title);
  english(xml, "description", report.profile_title + " evaluated by dockcis " + report.tool.value("version", std::string()) +
                                  "; rule ids are dockcis check keys, titles carry the CIS ids.");
  xml.empty("platform", {{"idref", "cpe:2.3:a:docker:docker:*:*:*:*:*:*:*:*"}});
  const auto dash = report.profile_id.rfind('-');
  xml.text("version", {}, dash == std::string::npos ? "1" : report.profile_id.substr(dash + 1));
  xml.open("metadata");
  xml.text("dc:creator", {{"xmlns:dc", "http://purl.org/dc/elements/1.1/"}}, "dockcis");
  xml.close();
  xml.open("Profile", {{"id", xccdf_id("profile", "level" + report.level)}});
  english(xml, "title", report.level == "1" ? "Level 1" : "Level 1 and Level 2");
  for (const auto& result : report.results) xml.empty("select", {{"idref", xccdf_id("rule", result.key)}, {"selected", selected(result)}});
  xml.close();
}

void write_rule(IndentedXml& xml, const model::Report& report, const model::CheckResult& result) {
  const auto id = xccdf_id("rule", result.key);
  if (result.instances.empty()) {
    xml.open("Rule", {{"id", id}, {"severity", xccdf_severity(result.severity)}, {"selected", selected(result)}});
  } else {
    xml.open("Rule", {{"id", id}, {"severity", xccdf_severity(result.severity)}, {"selected", selected(result)}, {"multiple", "true"}});
  }
  english(xml, "title", result.id + " " + result.title);
  english(xml, "description", result.description);
  for (const auto& reference : result.references) xml.text("reference", {}, reference);
  for (const auto& control : result.controls) {
    xml.text("reference",
             {{"href", control.framework == "nist-800-53-r5" ? "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final"
                                                             : "https://www.cisecurity.org/controls/v8"}},
             clean_text(control.id));
  }
  if (!result.rationale.empty()) english(xml, "rationale", result.rationale);
  xml.text("ident", {{"system", "https://www.cisecurity.org/benchmark/docker"}}, report.profile_id + ":" + result.id);
  english(xml, "fixtext", result.remediation);
  write_check(xml, result.key);
  xml.close();
}

// Opens the TestResult and writes what comes before its rule-results (the caller closes it).
void write_target(IndentedXml& xml, const model::Report& report) {
  const auto version = report.tool.value("version", std::string("0"));
  xml.open("TestResult", {{"id", xccdf_id("testresult", report.profile_id)},
                          {"start-time", xccdf_time(report.started_at)},
                          {"end-time", xccdf_time(report.finished_at)},
                          {"version", version},
                          {"test-system", "cpe:/a:dockcis:dockcis:" + version}});
  english(xml, "title", "dockcis audit " + report.run_id);
  xml.text("identity", {{"authenticated", "false"}, {"privileged", "true"}}, "dockcis");
  xml.empty("profile", {{"idref", xccdf_id("profile", "level" + report.level)}});
  const std::string hostname = clean_text(host_text(report, "hostname", "localhost"));
  xml.text("target", {}, hostname.empty() ? "localhost" : hostname);
  xml.open("target-facts");
  for (const auto& [name, value] : {std::pair{"urn:xccdf:fact:asset:identifier:host_name", host_text(report, "hostname")},
                                    {"urn:xccdf:fact:asset:identifier:machine_id", host_text(report, "machine_id")},
                                    {"urn:dockcis:fact:docker_version", host_text(report, "docker_version")}}) {
    xml.text("fact", {{"name", name}, {"type", "string"}}, clean_text(value));
  }
  xml.close();
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

void write_scores(IndentedXml& xml, const model::Summary& summary) {
  xml.text("score", {{"system", "urn:xccdf:scoring:default"}, {"maximum", "100"}}, util::fixed(summary.xccdf_default, 2));
  xml.text("score", {{"system", "urn:xccdf:scoring:flat"}, {"maximum", util::fixed(summary.flat_max, 2)}}, util::fixed(summary.flat_score, 2));
}

// The text around the rule-results, about what a rule's own texts take.
std::size_t benchmark_size_hint(const model::Report& report) {
  std::size_t size = 4096;
  for (const auto& result : report.results) {
    size += 1024 + result.title.size() + result.description.size() + result.rationale.size() + result.remediation.size();
  }
  return size;
}

}  // namespace

// Written as text from the first byte to the last, as pugixml would print
// the same document indented: at no size is it a DOM (the rule texts were
// most of a small host's report, the rule-results a large one's).
void render_xccdf(const model::Report& report, TextOut& text_out) {
  auto& out = text_out.text();
  if (text_out.whole()) {
    const auto hint = xccdf_rule_results_size_hint(report);
    out.reserve(out.size() + benchmark_size_hint(report) + hint + hint / 4);  // the estimate's margin: it stays within a quarter
  }
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  IndentedXml xml(out, "  ", 0);
  xml.open("Benchmark", {{"xmlns", "http://checklists.nist.gov/xccdf/1.2"},
                         {"id", xccdf_id("benchmark", report.profile_id)},
                         {"resolved", "1"},
                         {"xml:lang", "en"}});
  write_header(xml, report);
  for (const auto& [section_id, section_title] : report.sections) {
    xml.open("Group", {{"id", xccdf_id("group", "section-" + section_id)}});
    english(xml, "title", section_id + " " + section_title);
    for (const auto& result : report.results) {
      if (result.section == section_id) write_rule(xml, report, result);
    }
    xml.close();
    text_out.spill_if_full();
  }
  write_target(xml, report);
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
  write_scores(xml, report.summary);
  xml.close();
  xml.close();
  text_out.spill_if_full();
}

std::string render_xccdf(const model::Report& report) {
  TextOut out;
  render_xccdf(report, out);
  return out.finish();
}

}  // namespace dockcis::report
