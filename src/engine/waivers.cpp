// SPDX-License-Identifier: Apache-2.0
#include "engine/waivers.hpp"

#include "engine/patterns.hpp"
#include "model/fact_names.hpp"
#include "model/listed_name.hpp"
#include "util/json_access.hpp"
#include "util/time.hpp"

#include <algorithm>
#include <map>
#include <cctype>

namespace dockcis::engine {
namespace {

using model::json;
using model::State;

// Expiry is compared as text, so "2026-13-45" would never expire.
bool valid_date(const std::string& text) { return util::is_calendar_day(text); }

bool waivable(State state) { return state == State::fail || state == State::error; }

bool whole_match(const std::string& pattern, const std::string& text) {
  if (pattern.empty()) return true;
  const auto* compiled = engine::pattern(pattern);
  return compiled != nullptr && engine::whole_match(*compiled, text);
}

bool has_label(const json& entry, const std::string& label) {
  if (label.empty()) return true;
  const auto equals = label.find('=');
  const auto key = label.substr(0, equals);
  const auto labels = util::get_or(entry, "Labels", json::object());
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

void parse_instance(DocumentReader& reader, const json& instance, const std::string& at, Waiver& waiver) {
  if (!instance.is_object()) {
    reader.report(at, "must be an object {name, image, label}");
    return;
  }
  reader.only_keys(instance, at, {"name", "image", "label"});
  waiver.name_pattern = reader.string_field(instance, at, "name", false);
  waiver.image_pattern = reader.string_field(instance, at, "image", false);
  waiver.label = reader.string_field(instance, at, "label", false);
  for (const auto* pattern : {&waiver.name_pattern, &waiver.image_pattern}) {
    if (auto problem = compile_pattern(*pattern); !problem.empty()) reader.report(at, problem);
  }
}

void check_expiry(DocumentReader& reader, const Waiver& waiver, const std::string& at, bool allow_permanent) {
  if (waiver.expires.empty()) {
    reader.report(at, "'expires' (YYYY-MM-DD) is required");
  } else if (waiver.expires == "never") {
    if (!allow_permanent) reader.report(at + "/expires", "permanent waivers need --allow-permanent-waivers");
  } else if (!valid_date(waiver.expires)) {
    reader.report(at + "/expires", "'" + waiver.expires + "' is not a date YYYY-MM-DD");
  }
}

std::optional<Waiver> parse_waiver(DocumentReader& reader, const json& node, const std::string& at, bool allow_permanent) {
  if (!node.is_object()) {
    reader.report(at, "a waiver is an object");
    return std::nullopt;
  }
  reader.only_keys(node, at, {"id", "check", "instance", "justification", "approver", "ticket", "expires"});
  Waiver waiver;
  waiver.id = reader.string_field(node, at, "id", false);
  waiver.check = reader.string_field(node, at, "check", false);
  waiver.justification = reader.string_field(node, at, "justification", false);
  waiver.approver = reader.string_field(node, at, "approver", false);
  waiver.ticket = reader.string_field(node, at, "ticket", false);
  waiver.expires = reader.string_field(node, at, "expires", false);
  if (waiver.check.empty()) reader.report(at, "'check' (a check key) is required");
  if (waiver.justification.empty()) reader.report(at, "'justification' is required");
  check_expiry(reader, waiver, at, allow_permanent);
  if (node.contains("instance")) parse_instance(reader, node.at("instance"), at + "/instance", waiver);
  return waiver;
}

}  // namespace

std::expected<std::vector<Waiver>, Diagnostics> parse_waivers(const json& document, const std::string& origin,
                                                              bool allow_permanent) {
  Diagnostics problems;
  DocumentReader reader(origin, problems);
  if (!document.is_object() || reader.string_field(document, "", "schema", false) != "dockcis.waivers/v1" ||
      !document.contains("waivers") || !document.at("waivers").is_array()) {
    reader.report("", "expected {\"schema\": \"dockcis.waivers/v1\", \"waivers\": [...]}");
    return std::unexpected(problems);
  }
  reader.only_keys(document, "", {"schema", "waivers"});
  std::vector<Waiver> waivers;
  const auto& list = document.at("waivers");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto waiver = parse_waiver(reader, list[i], "/waivers/" + std::to_string(i), allow_permanent)) {
      if (waiver->id.empty()) waiver->id = "W" + std::to_string(i + 1);
      waivers.push_back(std::move(*waiver));
    }
  }
  if (!problems.empty()) return std::unexpected(problems);
  return waivers;
}

json apply_waivers(const std::vector<Waiver>& waivers, const model::FactStore& facts, const std::string& today,
                   std::vector<model::CheckResult>& results) {
  // The list's entries by id as results show it, where they stand (their
  // labels are what a waiver may match): no waiver, no index.
  std::map<std::string, const json*, std::less<>> container_entries;
  if (const auto* list = facts.find(model::facts::engine_containers); !waivers.empty() && list != nullptr && *list && (*list)->is_array()) {
    for (const auto& entry : **list) container_entries[model::shown_subject_text(util::get_or(entry, "Id", std::string()))] = &entry;
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
          const auto entry = container_entries.find(instance.id());
          static const json kNoEntry = json::object();
          const json& labels_entry = entry == container_entries.end() ? kNoEntry : *entry->second;
          if (!waivable(instance.state) || !whole_match(waiver.name_pattern, instance.name()) ||
              !whole_match(waiver.image_pattern, instance.image()) || !has_label(labels_entry, waiver.label)) {
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
