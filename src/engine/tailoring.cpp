// SPDX-License-Identifier: Apache-2.0
#include "engine/tailoring.hpp"

namespace dockcis::engine {
namespace {

std::vector<std::string> severity_names() {
  std::vector<std::string> names;
  for (const auto severity : model::kAllSeverities) names.emplace_back(model::to_string(severity));
  return names;
}

void parse_level(DocumentReader& reader, const model::json& document, Tailoring& tailoring) {
  const auto level = document.find("level");
  if (level == document.end()) return;
  if (!level->is_number_integer() || (*level != 1 && *level != 2)) {
    reader.report("/level", "must be 1 or 2");
    return;
  }
  tailoring.level = level->get<int>();
}

void parse_check_patches(DocumentReader& reader, const model::json& checks, Tailoring& tailoring) {
  if (!checks.is_object()) {
    reader.report("/checks", "must be an object keyed by check key");
    return;
  }
  for (const auto& [key, patch] : checks.items()) {
    const std::string where = "/checks/" + DocumentReader::escape(key);
    if (!patch.is_object()) {
      reader.report(where, "must be an object");
      continue;
    }
    for (const auto& [field, value] : patch.items()) {
      if (field != "severity") {
        reader.report(where + "/" + DocumentReader::escape(field), "only 'severity' can be changed");
      } else if (!value.is_string()) {
        reader.report(where + "/severity", "must be one of info, low, medium, high, critical");
      } else if (reader.one_of(value.get<std::string>(), severity_names(), where + "/severity", "severity")) {
        tailoring.severity[key] = *model::parse_severity(value.get<std::string>());
      }
    }
  }
}

}  // namespace

std::expected<Tailoring, Diagnostics> parse_tailoring(const model::json& document, const std::string& origin) {
  Diagnostics problems;
  DocumentReader reader(origin, problems);
  Tailoring tailoring;
  if (!document.is_object()) {
    reader.report("", "a tailoring file is a JSON object");
    return std::unexpected(problems);
  }
  reader.only_keys(document, "", {"schema", "extends", "level", "only", "skip", "parameters", "checks"});
  if (reader.string_field(document, "", "schema", false) != "dockcis.tailoring/v1") {
    reader.report("/schema", "expected \"dockcis.tailoring/v1\"");
  }
  tailoring.extends = reader.string_field(document, "", "extends", false);
  parse_level(reader, document, tailoring);
  if (document.contains("only")) tailoring.only = reader.string_array(document.at("only"), "/only");
  if (document.contains("skip")) tailoring.skip = reader.string_array(document.at("skip"), "/skip");
  if (document.contains("parameters")) {
    if (document.at("parameters").is_object()) tailoring.parameters = document.at("parameters");
    else reader.report("/parameters", "must be an object");
  }
  if (document.contains("checks")) parse_check_patches(reader, document.at("checks"), tailoring);
  if (!problems.empty()) return std::unexpected(problems);
  return tailoring;
}

void apply_tailoring_selection(const Tailoring& tailoring, bool level_given, Selection& selection) {
  if (tailoring.level && !level_given) selection.level = *tailoring.level;
  selection.only.insert(selection.only.end(), tailoring.only.begin(), tailoring.only.end());
  selection.skip.insert(selection.skip.end(), tailoring.skip.begin(), tailoring.skip.end());
}

const model::Check& tailored_check(const Tailoring& tailoring, const model::Check& check, std::deque<model::Check>& copies) {
  const auto severity = tailoring.severity.find(check.key);
  if (severity == tailoring.severity.end()) return check;
  auto& copy = copies.emplace_back(check);
  copy.severity = severity->second;
  return copy;
}

}  // namespace dockcis::engine
