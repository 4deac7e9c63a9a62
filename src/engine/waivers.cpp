// SPDX-License-Identifier: Apache-2.0
#include "engine/waivers.hpp"

#include <algorithm>
#include <map>
#include <regex>

namespace dockcis::engine {
namespace {

using model::json;
using model::State;

bool valid_date(const std::string& text) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  return std::regex_match(text, kDate);
}

bool waivable(State state) { return state == State::fail || state == State::error; }

bool whole_match(const std::string& pattern, const std::string& text) {
  return pattern.empty() || std::regex_match(text, std::regex(pattern, std::regex::ECMAScript));
}

bool has_label(const json& entry, const std::string& label) {
  if (label.empty()) return true;
  const auto equals = label.find('=');
  const auto key = label.substr(0, equals);
  const auto labels = entry.value("Labels", json::object());
  if (!labels.is_object() || !labels.contains(key)) return false;
  return equals == std::string::npos || labels.at(key) == label.substr(equals + 1);
}

bool targets_instances(const Waiver& waiver) {
  return !waiver.name_pattern.empty() || !waiver.image_pattern.empty() || !waiver.label.empty();
}

// Per-instance state again after some instances were waived.
void reaggregate(model::CheckResult& result) {
  auto any = [&](State state) { return std::ranges::any_of(result.instances, [&](const auto& i) { return i.state == state; }); };
  const State before = result.state;
  if (any(State::fail)) result.state = State::fail;
  else if (any(State::error)) result.state = State::error;
  else if (any(State::waived)) result.state = State::waived;
  if (result.state != before) {
    result.original_state = before;
    const auto waived = std::ranges::count(result.instances, State::waived, &model::InstanceResult::state);
    result.reason = std::to_string(waived) + " of " + std::to_string(result.instances.size()) + " instances waived";
  }
}

}  // namespace

std::expected<std::vector<Waiver>, std::string> parse_waivers(const json& document, const std::string& origin,
                                                              bool allow_permanent) {
  std::vector<std::string> problems;
  std::vector<Waiver> waivers;
  if (!document.is_object() || document.value("schema", "") != "dockcis.waivers/v1" || !document.contains("waivers") ||
      !document.at("waivers").is_array()) {
    return std::unexpected(origin + ": expected {\"schema\": \"dockcis.waivers/v1\", \"waivers\": [...]}");
  }
  static const std::vector<std::string> kKeys{"id", "check", "instance", "justification", "approver", "ticket", "expires"};
  const auto& list = document.at("waivers");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = origin + ": /waivers/" + std::to_string(i);
    const auto& node = list[i];
    if (!node.is_object()) {
      problems.push_back(at + ": a waiver is an object");
      continue;
    }
    for (const auto& [key, value] : node.items()) {
      if (std::ranges::find(kKeys, key) == kKeys.end()) problems.push_back(at + "/" + key + ": unknown key");
      else if (key != "instance" && !value.is_string()) problems.push_back(at + "/" + key + ": must be a string");
    }
    Waiver waiver;
    auto text = [&](const char* key) { return node.contains(key) && node.at(key).is_string() ? node.at(key).get<std::string>() : ""; };
    waiver.id = text("id");
    waiver.check = text("check");
    waiver.justification = text("justification");
    waiver.approver = text("approver");
    waiver.ticket = text("ticket");
    waiver.expires = text("expires");
    if (waiver.id.empty()) waiver.id = "W" + std::to_string(i + 1);
    if (waiver.check.empty()) problems.push_back(at + ": 'check' (a check key) is required");
    if (waiver.justification.empty()) problems.push_back(at + ": 'justification' is required");
    if (waiver.expires.empty()) {
      problems.push_back(at + ": 'expires' (YYYY-MM-DD) is required");
    } else if (waiver.expires == "never") {
      if (!allow_permanent) problems.push_back(at + "/expires: permanent waivers need --allow-permanent-waivers");
    } else if (!valid_date(waiver.expires)) {
      problems.push_back(at + "/expires: '" + waiver.expires + "' is not a date YYYY-MM-DD");
    }
    if (node.contains("instance")) {
      const auto& instance = node.at("instance");
      if (!instance.is_object()) {
        problems.push_back(at + "/instance: must be an object {name, image, label}");
      } else {
        for (const auto& [key, value] : instance.items()) {
          if (key != "name" && key != "image" && key != "label") problems.push_back(at + "/instance/" + key + ": unknown key");
          else if (!value.is_string()) problems.push_back(at + "/instance/" + key + ": must be a string");
        }
        waiver.name_pattern = instance.value("name", "");
        waiver.image_pattern = instance.value("image", "");
        waiver.label = instance.value("label", "");
        for (const auto* pattern : {&waiver.name_pattern, &waiver.image_pattern}) {
          try {
            std::regex(*pattern, std::regex::ECMAScript);
          } catch (const std::regex_error&) {
            problems.push_back(at + "/instance: invalid regular expression '" + *pattern + "'");
          }
        }
      }
    }
    waivers.push_back(std::move(waiver));
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.size()) + " problem(s) in the waivers file:";
    for (const auto& problem : problems) message += "\n  " + problem;
    return std::unexpected(message);
  }
  return waivers;
}

json apply_waivers(const std::vector<Waiver>& waivers, const model::FactStore& facts, const std::string& today,
                   std::vector<model::CheckResult>& results) {
  std::map<std::string, json> container_entries;
  if (const auto* list = facts.find("engine.containers"); list != nullptr && *list) {
    for (const auto& entry : **list) container_entries[entry.value("Id", "")] = entry;
  }
  json appendix = json::array();
  for (const auto& waiver : waivers) {
    json record{{"id", waiver.id},           {"check", waiver.check},   {"justification", waiver.justification},
                {"approver", waiver.approver}, {"ticket", waiver.ticket}, {"expires", waiver.expires}};
    const bool expired = waiver.expires != "never" && waiver.expires < today;
    int applied = 0;
    bool matched_check = false;
    for (auto& result : results) {
      if (result.key != waiver.check || result.state == State::notselected) continue;
      matched_check = true;
      if (expired) continue;
      if (targets_instances(waiver) || !result.instances.empty()) {
        for (auto& instance : result.instances) {
          const auto entry = container_entries.find(instance.id);
          const json& labels_entry = entry == container_entries.end() ? json::object() : entry->second;
          if (!waivable(instance.state) || !whole_match(waiver.name_pattern, instance.name) ||
              !whole_match(waiver.image_pattern, instance.image) || !has_label(labels_entry, waiver.label)) {
            continue;
          }
          instance.original_state = instance.state;
          instance.state = State::waived;
          instance.waiver = waiver.id;
          ++applied;
        }
        reaggregate(result);
      } else if (waivable(result.state)) {
        result.original_state = result.state;
        result.state = State::waived;
        result.waiver = waiver.id;
        result.reason = "waived by " + waiver.id + ": " + waiver.justification;
        ++applied;
      }
    }
    record["status"] = !matched_check ? "unused" : expired ? "expired" : applied > 0 ? "applied" : "not needed";
    record["applied_to"] = applied;
    appendix.push_back(std::move(record));
  }
  return appendix;
}

}  // namespace dockcis::engine
