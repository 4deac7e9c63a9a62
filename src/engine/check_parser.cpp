// SPDX-License-Identifier: Apache-2.0
#include "engine/check_parser.hpp"

#include <utility>

#include "engine/controls.hpp"
#include "engine/messages.hpp"
#include "engine/test_parser.hpp"

namespace dockcis::engine {
namespace {

const std::vector<std::string> kCheckKeys{"key",         "title",     "severity",    "mode",    "for_each",
                                          "description", "rationale", "remediation", "decides", "references",
                                          "applies_if",  "test",      "evidence",  "controls",
                                          "message"};

std::vector<std::string> severity_names() {
  std::vector<std::string> names;
  for (const auto severity : model::kAllSeverities) names.emplace_back(model::to_string(severity));
  return names;
}

std::vector<std::string> collection_names() {
  std::vector<std::string> names{""};
  for (const auto& collection : model::collections()) names.emplace_back(collection.name);
  return names;
}

void parse_evidence(DocumentReader& reader, const json& evidence, const std::string& pointer, model::Check& check) {
  if (!evidence.is_array()) {
    reader.report(pointer, "'evidence' must be an array");
    return;
  }
  const auto* collection = model::find_collection(check.for_each);
  for (std::size_t e = 0; e < evidence.size(); ++e) {
    const std::string at = pointer + "/" + std::to_string(e);
    if (!evidence[e].is_object()) {
      reader.report(at, "evidence entries are objects {fact, select, label}");
      continue;
    }
    reader.only_keys(evidence[e], at, {"fact", "select", "label"});
    model::EvidenceRef ref{reader.string_field(evidence[e], at, "fact", true), reader.string_field(evidence[e], at, "select", false),
                           reader.string_field(evidence[e], at, "label", true)};
    if (!ref.fact.empty()) check_fact_name(reader, at + "/fact", ref.fact, collection);
    if (!valid_pointer(ref.select)) reader.report(at + "/select", "'" + ref.select + "' is not a JSON pointer");
    check.evidence.push_back(std::move(ref));
  }
}

// "message": {"object", "fail", "error", "notapplicable", "absent"}, each a template
// whose placeholders are checked here, so a typo is a load error.
void parse_messages(DocumentReader& reader, const json& node, const std::string& pointer, model::Messages& messages) {
  if (!node.is_object()) return reader.report(pointer, "'message' must be an object {object, fail, error, notapplicable, absent}");
  reader.only_keys(node, pointer, {"object", "fail", "error", "notapplicable", "absent"});
  for (auto [key, text] : {std::pair{"object", &messages.object}, {"fail", &messages.fail}, {"error", &messages.error},
                           {"notapplicable", &messages.notapplicable}, {"absent", &messages.absent}}) {
    *text = reader.string_field(node, pointer, key, false);
    if (const auto problem = check_template(*text); !problem.empty()) reader.report(pointer + "/" + key, problem);
  }
  if (messages.object.find("{object}") != std::string::npos) reader.report(pointer + "/object", "'object' cannot use {object}");
}

void parse_texts(DocumentReader& reader, const json& node, const std::string& pointer, model::Check& check) {
  check.key = reader.string_field(node, pointer, "key", true);
  check.title = reader.string_field(node, pointer, "title", true);
  check.description = reader.string_field(node, pointer, "description", true);
  check.rationale = reader.string_field(node, pointer, "rationale", false);
  check.remediation = reader.string_field(node, pointer, "remediation", true);
  if (const auto problem = check_remediation(check.remediation); !problem.empty()) reader.report(pointer + "/remediation", problem);
  check.decides = reader.string_field(node, pointer, "decides", false);
  if (node.contains("references")) check.references = reader.string_array(node.at("references"), pointer + "/references");
}

void parse_kind(DocumentReader& reader, const json& node, const std::string& pointer, model::Check& check) {
  if (node.contains("severity")) {
    const auto name = reader.string_field(node, pointer, "severity", true);
    if (reader.one_of(name, severity_names(), pointer + "/severity", "severity")) check.severity = *model::parse_severity(name);
  }
  if (node.contains("mode")) check.mode = reader.string_field(node, pointer, "mode", true);
  reader.one_of(check.mode, {"automated", "manual", "info"}, pointer + "/mode", "mode");
  check.for_each = reader.string_field(node, pointer, "for_each", false);
  reader.one_of(check.for_each, collection_names(), pointer + "/for_each", "for_each");
}

std::optional<model::Check> parse_check(DocumentReader& reader, const json& node, const std::string& pointer,
                                        CheckOrigin& origin) {
  if (!node.is_object()) {
    reader.report(pointer, "a check must be an object");
    return std::nullopt;
  }
  reader.only_keys(node, pointer, kCheckKeys);
  model::Check check;
  check.file = reader.file();
  parse_texts(reader, node, pointer, check);
  parse_kind(reader, node, pointer, check);
  const TestScope scope{model::find_collection(check.for_each), &origin.params_used};
  if (node.contains("applies_if")) check.applies_if = parse_test(reader, node.at("applies_if"), pointer + "/applies_if", scope);
  if (node.contains("test")) {
    check.test = parse_test(reader, node.at("test"), pointer + "/test", scope);
  } else if (check.mode != "manual") {
    reader.report(pointer, "an " + check.mode + " check needs a 'test'");
  }
  if (node.contains("message")) parse_messages(reader, node.at("message"), pointer + "/message", check.messages);
  if (node.contains("evidence")) parse_evidence(reader, node.at("evidence"), pointer + "/evidence", check);
  if (node.contains("controls")) {
    std::vector<std::pair<std::string, std::string>> problems;
    check.controls = parse_controls(node.at("controls"), pointer + "/controls", problems);
    for (const auto& [at, message] : problems) reader.report(at, message);
  }
  if (check.mode == "manual" && check.evidence.empty()) reader.report(pointer, "a manual check must list the 'evidence' a reviewer needs");
  return check;
}

}  // namespace

void parse_checks_file(DocumentReader& reader, const model::json& document, std::map<std::string, model::Check>& checks,
                       std::map<std::string, CheckOrigin>& origins) {
  if (!document.is_object()) return reader.report("", "a checks file must be a JSON object");
  reader.only_keys(document, "", {"schema", "checks"});
  if (reader.string_field(document, "", "schema", false) != "dockcis.checks/v1") {
    reader.report("/schema", "expected \"schema\": \"dockcis.checks/v1\"");
  }
  const auto list = document.find("checks");
  if (list == document.end() || !list->is_array()) return reader.report("/checks", "missing array 'checks'");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string pointer = "/checks/" + std::to_string(i);
    CheckOrigin origin{reader.file(), pointer, {}};
    auto check = parse_check(reader, (*list)[i], pointer, origin);
    if (!check || check->key.empty()) continue;
    if (const auto previous = origins.find(check->key); previous != origins.end()) {
      reader.report(pointer + "/key", "duplicate check key '" + check->key + "' (first defined in " + previous->second.file +
                                          " at " + previous->second.pointer + ")");
      continue;
    }
    origins.emplace(check->key, std::move(origin));
    checks.emplace(check->key, std::move(*check));
  }
}

}  // namespace dockcis::engine
