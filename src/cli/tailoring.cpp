// SPDX-License-Identifier: Apache-2.0
#include "cli/tailoring.hpp"

#include <algorithm>
#include <fstream>

namespace dockcis::cli {
namespace {

using model::json;

std::expected<std::vector<std::string>, std::string> strings(const json& node, const std::string& where) {
  std::vector<std::string> out;
  if (!node.is_array()) return std::unexpected(where + " must be an array of strings");
  for (const auto& item : node) {
    if (!item.is_string()) return std::unexpected(where + " must be an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

std::expected<Tailoring, std::string> parse_tailoring(const json& document, const std::string& origin) {
  static const std::vector<std::string> kKeys{"schema", "extends", "level", "only", "skip", "parameters", "checks"};
  Tailoring tailoring;
  if (!document.is_object()) return std::unexpected(origin + ": a tailoring file is a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (std::ranges::find(kKeys, key) == kKeys.end()) return std::unexpected(origin + ": /" + key + ": unknown key");
  }
  if (document.value("schema", "") != "dockcis.tailoring/v1") {
    return std::unexpected(origin + ": /schema: expected \"dockcis.tailoring/v1\"");
  }
  tailoring.extends = document.value("extends", "");
  if (document.contains("level")) {
    const auto& level = document.at("level");
    if (!level.is_number_integer() || (level.get<int>() != 1 && level.get<int>() != 2)) {
      return std::unexpected(origin + ": /level: must be 1 or 2");
    }
    tailoring.level = level.get<int>();
  }
  for (const auto* field : {"only", "skip"}) {
    if (!document.contains(field)) continue;
    auto list = strings(document.at(field), origin + ": /" + field);
    if (!list) return std::unexpected(list.error());
    (std::string(field) == "only" ? tailoring.only : tailoring.skip) = std::move(*list);
  }
  if (document.contains("parameters")) {
    if (!document.at("parameters").is_object()) return std::unexpected(origin + ": /parameters: must be an object");
    tailoring.parameters = document.at("parameters");
  }
  if (document.contains("checks")) {
    static const std::vector<std::string> kSeverities{"info", "low", "medium", "high", "critical"};
    const auto& checks = document.at("checks");
    if (!checks.is_object()) return std::unexpected(origin + ": /checks: must be an object keyed by check key");
    for (const auto& [key, patch] : checks.items()) {
      const std::string where = origin + ": /checks/" + key;
      if (!patch.is_object()) return std::unexpected(where + ": must be an object");
      for (const auto& [field, value] : patch.items()) {
        if (field != "severity") return std::unexpected(where + "/" + field + ": only 'severity' can be changed");
        if (!value.is_string() || std::ranges::find(kSeverities, value.get<std::string>()) == kSeverities.end()) {
          return std::unexpected(where + "/severity: must be one of info, low, medium, high, critical");
        }
        tailoring.severity[key] = value.get<std::string>();
      }
    }
  }
  return tailoring;
}

std::expected<Tailoring, std::string> read_tailoring(const std::string& path) {
  if (path.empty()) return Tailoring{};
  std::ifstream in(path);
  if (!in) return std::unexpected("cannot read tailoring file " + path);
  try {
    return parse_tailoring(json::parse(in), path);
  } catch (const json::exception& error) {
    return std::unexpected(path + ": invalid JSON: " + error.what());
  }
}

void apply_tailoring_selection(const Tailoring& tailoring, bool level_given, engine::Selection& selection) {
  if (tailoring.level && !level_given) selection.level = *tailoring.level;
  selection.only.insert(selection.only.end(), tailoring.only.begin(), tailoring.only.end());
  selection.skip.insert(selection.skip.end(), tailoring.skip.begin(), tailoring.skip.end());
}

void apply_tailoring_patch(const Tailoring& tailoring, model::Check& check) {
  if (const auto found = tailoring.severity.find(check.key); found != tailoring.severity.end()) check.severity = found->second;
}

}  // namespace dockcis::cli
