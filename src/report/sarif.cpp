// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 for code-scanning dashboards: one result per failing or
// undecided check (per container for per-container checks), waived ones as
// suppressed results, and fingerprints that follow a finding across runs.
#include <map>
#include <string>
#include <string_view>

#include "report/clean_text.hpp"
#include "report/render.hpp"
#include "report/text_out.hpp"
#include "report/values.hpp"
#include "util/json_write.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::json;
using model::State;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";

// Critical and high findings are errors, medium warnings, the rest notes.
const char* level_of(model::Severity value) {
  const std::string severity(model::to_string(value));
  if (severity == "critical" || severity == "high") return "error";
  if (severity == "medium") return "warning";
  return "note";
}

// GitHub's security-severity scale (0.0-10.0).
const char* security_severity(model::Severity value) {
  const std::string severity(model::to_string(value));
  if (severity == "critical") return "9.5";
  if (severity == "high") return "8.0";
  if (severity == "medium") return "5.5";
  if (severity == "low") return "3.0";
  return "1.0";
}

std::string sentence(std::string text) {
  text = clean_text(text);
  if (text.empty() || (text.back() != '.' && text.back() != '!' && text.back() != '?')) text += ".";
  return text;
}

// SARIF wants a rule's name to differ from its opaque id: "container.privileged" -> "ContainerPrivileged".
std::string rule_name(const std::string& key) {
  std::string name;
  bool upper = true;
  for (char c : key) {
    if (c == '.' || c == '_' || c == '-') {
      upper = true;
    } else {
      name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    }
  }
  return name;
}

json rule_of(const model::CheckResult& result) {
  json tags = json::array({"security", "cis-docker-benchmark"});
  for (const auto& control : result.controls) tags.push_back(clean_text(control.framework + "/" + control.id));
  json controls = json::array();
  for (const auto& control : result.controls) {
    controls.push_back({{"framework", clean_text(control.framework)}, {"id", clean_text(control.id)}, {"source", clean_text(control.source)}});
  }
  return {{"id", result.key},
          {"name", rule_name(result.key)},
          {"shortDescription", {{"text", sentence(result.title)}}},
          {"fullDescription", {{"text", sentence(result.description.empty() ? result.title : result.description)}}},
          {"help", {{"text", sentence(result.remediation.empty() ? result.title : result.remediation)}}},
          {"defaultConfiguration", {{"level", level_of(result.severity)}}},
          {"properties", {{"cis_id", result.id}, {"severity", std::string(model::to_string(result.severity))}, {"tags", std::move(tags)},
                          {"security-severity", security_severity(result.severity)}, {"controls", std::move(controls)}}}};
}

struct Finding {
  const model::CheckResult* result;
  const model::InstanceResult* instance;  ///< null for a host-wide result
  State state;                            ///< fail or error, before any waiver
  const std::string* waiver;              ///< id of the waiver that accepted it; empty when none
  const std::string* reason;
};

// Calls `take` with every finding in report order: failing and undecided
// results, and waived ones that were. Walked twice (rules, then results)
// rather than held: at thousands of containers there are as many findings.
template <typename Take>
void each_finding(const model::Report& report, const Take& take) {
  static const std::string none;
  const auto bad = [](State state) { return state == State::fail || state == State::error; };
  for (const auto& result : report.results) {
    if (result.instances.empty()) {
      const State original = result.original_state.value_or(result.state);
      if (bad(result.state) || (result.state == State::waived && bad(original))) {
        take(Finding{&result, nullptr, original, result.state == State::waived ? &result.waiver : &none, &result.reason});
      }
      continue;
    }
    for (const auto& instance : result.instances) {
      const State original = instance.original_state.value_or(instance.state);
      if (bad(instance.state) || (instance.state == State::waived && bad(original))) {
        take(Finding{&result, &instance, original, instance.state == State::waived ? &instance.waiver : &none, &instance.reason});
      }
    }
  }
}

// A waived finding's suppression: the waiver's justification, approver, ticket and expiry.
json suppression_of(const std::string& waiver, const std::map<std::string, json>& waivers) {
  const auto found = waivers.find(waiver);
  const auto justification = found == waivers.end() ? "waiver " + waiver : value_text(found->second.value("justification", json("")));
  json suppression = {{"kind", "external"}, {"status", "accepted"}, {"justification", clean_text(justification)},
                      {"properties", {{"waiver", clean_text(waiver)}}}};
  if (found != waivers.end()) {
    for (const char* field : {"approver", "ticket", "expires"}) {
      if (const auto value = found->second.find(field); value != found->second.end() && value->is_string()) {
        suppression["properties"][field] = clean_text(value->get<std::string>());
      }
    }
  }
  return suppression;
}

// A finding's result, written as nlohmann would indent the same document four
// levels down (members in its order, sorted by name): building that document
// for each of tens of thousands of findings was most of the report's cost.
void write_result(util::IndentedJsonWriter& out, const Finding& finding, std::size_t rule_index, const std::string& host,
                  const std::map<std::string, json>& waivers) {
  const auto& check = *finding.result;
  const std::string instance = finding.instance == nullptr ? "" : (finding.instance->name().empty() ? finding.instance->id() : finding.instance->name());
  std::string text = check.id + " " + check.title;
  if (!instance.empty()) text += " [" + instance + "]";
  text += finding.state == State::error ? " could not be decided: " : ": ";
  text += finding.reason->empty() ? std::string(model::to_string(finding.state)) : *finding.reason;
  out.begin_object();
  out.key("kind");
  out.value("fail");
  out.key("level");
  out.value(level_of(check.severity));
  out.key("locations");
  out.begin_array();
  out.begin_object();
  out.key("logicalLocations");
  out.begin_array();
  out.begin_object();
  out.key("fullyQualifiedName");
  out.value(clean_text(host + (instance.empty() ? "" : "/" + instance)));
  out.key("kind");
  out.value(instance.empty() ? "host" : "container");
  out.key("name");
  out.value(clean_text(instance.empty() ? host : instance));
  out.end();
  out.end();
  out.end();
  out.end();
  out.key("message");
  out.begin_object();
  out.key("text");
  out.value(sentence(text));
  out.end();
  out.key("partialFingerprints");
  out.begin_object();
  out.key("dockcisFinding/v1");
  out.value(util::sha256_hex(check.key + '\0' + instance + '\0' + host));
  out.end();
  out.key("properties");
  out.begin_object();
  out.key("cis_id");
  out.value(check.id);
  out.key("host");
  out.value(clean_text(host));
  out.key("state");
  out.value(model::to_string(finding.state));
  out.end();
  out.key("ruleId");
  out.value(check.key);
  out.key("ruleIndex");
  out.value(rule_index);
  if (!finding.waiver->empty()) {
    out.key("suppressions");
    out.begin_array();
    out.document(suppression_of(*finding.waiver, waivers));
    out.end();
  }
  out.end();
}

std::string dumped(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace

void render_sarif(const model::Report& report, TextOut& text_out) {
  const std::string hostname = host_text(report, "hostname", "localhost");
  // Fingerprints follow the machine, not its name, where the machine id is known.
  const std::string host_key = host_text(report, "machine_id", hostname);
  std::map<std::string, json> waivers;
  for (const auto& waiver : report.waivers) {
    if (waiver.is_object() && waiver.contains("id") && waiver.at("id").is_string()) waivers[waiver.at("id").get<std::string>()] = waiver;
  }
  // Rules in the order their first finding comes.
  json rules = json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  each_finding(report, [&](const Finding& finding) {
    if (rule_index.emplace(finding.result->key, rules.size()).second) rules.push_back(rule_of(*finding.result));
  });
  const std::string version = report.tool.value("version", std::string("0"));
  json driver = {{"name", "dockcis"}, {"version", version}, {"semanticVersion", version},
                 {"informationUri", "https://www.cisecurity.org/benchmark/docker"}, {"rules", std::move(rules)}};
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"automationDetails", {{"id", "dockcis/" + report.profile_id + "/" + clean_text(hostname) + "/" + report.run_id}}},
              {"invocations", json::array({{{"executionSuccessful", true}, {"startTimeUtc", report.started_at},
                                            {"endTimeUtc", report.finished_at}, {"machine", clean_text(hostname)}}})},
              {"results", json::array()},
              {"properties", {{"profile", report.profile_id}, {"score", report.summary.total.percent()}, {"run_id", report.run_id},
                              {"hostname", clean_text(hostname)}, {"machine_id", clean_text(host_text(report, "machine_id"))},
                              {"docker_version", clean_text(host_text(report, "docker_version"))}}}};
  json document = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
  // The document as nlohmann indents it, its results written one at a time
  // where its empty list stands: the run's members are three levels down.
  const auto skeleton = dumped(document) + "\n";
  constexpr std::string_view kEmptyResults = "\n      \"results\": []";
  const auto at = skeleton.find(kEmptyResults);
  auto& out = text_out.text();
  out.append(skeleton, 0, at + kEmptyResults.size() - 1);
  bool first = true;
  each_finding(report, [&](const Finding& finding) {
    out += first ? "\n" : ",\n";
    first = false;
    out.append(8, ' ');
    util::IndentedJsonWriter writer(out, 2, 4);
    write_result(writer, finding, rule_index.find(finding.result->key)->second, host_key, waivers);
    text_out.spill_if_full();
  });
  if (!first) out += "\n      ";
  out.append(skeleton, at + kEmptyResults.size() - 1);
}

std::string render_sarif(const model::Report& report) {
  TextOut out;
  render_sarif(report, out);
  return out.finish();
}

}  // namespace dockcis::report
