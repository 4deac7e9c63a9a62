// SPDX-License-Identifier: Apache-2.0
#include "report/size_hints.hpp"

namespace dockcis::report {
namespace {

// A value's length as compact JSON, roughly: what it nests below its own
// members by their count alone (no recursion into host data).
std::size_t value_size(const model::json& value) {
  const auto member_size = [](const model::json& item) -> std::size_t {
    if (item.is_string()) return item.get_ref<const std::string&>().size() + 3;
    return item.is_structured() ? 2 + 40 * item.size() : 8;
  };
  if (value.is_string()) return value.get_ref<const std::string&>().size() + 2;
  if (value.is_array()) {
    std::size_t size = 2;
    for (const auto& item : value) size += member_size(item);
    return size;
  }
  if (value.is_object()) {
    std::size_t size = 2;
    for (const auto& [key, item] : value.items()) size += key.size() + 3 + member_size(item);
    return size;
  }
  return 6;
}

std::size_t value_size(const model::EvidenceValue& value) {
  if (const auto* text = value.structured_text()) return text->size();
  return value_size(*value.scalar());
}

std::size_t evidence_size(const model::Evidence& item) {
  return 64 + item.fact().size() + item.select().size() + item.op().size() + item.label().size() + item.note.size() + value_size(item.actual) +
         value_size(item.expected());
}

}  // namespace

std::size_t json_results_size_hint(const model::Report& report) {
  std::size_t size = 2;
  for (const auto& result : report.results) {
    size += 256 + result.id.size() + result.key.size() + result.title.size() + result.section.size() + result.reason.size() +
            result.description.size() + result.rationale.size() + result.remediation.size() + result.waiver.size();
    for (const auto& reference : result.references) size += reference.size() + 3;
    size += 96 * result.controls.size() + (result.setting ? 512 : 0);
    for (const auto& item : result.evidence) size += evidence_size(item);
    // The probes: about one per evidence item of an instance.
    if (!result.instances.empty()) {
      for (const auto& item : result.instances.front().evidence) size += evidence_size(item);
    }
    for (const auto& instance : result.instances) {
      size += 40 + instance.reason.size() + instance.waiver.size() + (instance.original_state ? 24 : 0);
      for (const auto& item : instance.evidence) size += 24 + item.note.size() + value_size(item.actual);
    }
  }
  return size;
}

std::size_t xccdf_rule_results_size_hint(const model::Report& report) {
  std::size_t size = 0;
  for (const auto& result : report.results) {
    // A rule-result's markup besides its texts; the key appears twice.
    const std::size_t markup = 300 + 2 * result.key.size();
    if (result.instances.empty()) size += markup + result.reason.size() + result.waiver.size();
    for (const auto& instance : result.instances) {
      size += markup + instance.reason.size() + instance.name().size() + instance.waiver.size();
    }
  }
  return size;
}

}  // namespace dockcis::report
