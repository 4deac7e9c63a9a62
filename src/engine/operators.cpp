// SPDX-License-Identifier: Apache-2.0
#include "engine/operators.hpp"

#include <algorithm>
#include <array>

#include "engine/operator_functions.hpp"
#include "engine/patterns.hpp"

namespace dockcis::engine {
namespace {

using namespace ops;

constexpr std::array kOperators{
    OperatorInfo{"eq", Operand::any, op_eq, "equal to", false, true},
    OperatorInfo{"ne", Operand::any, op_ne, "not equal to", false, true},
    OperatorInfo{"in", Operand::array, op_in, "one of", false, true},
    OperatorInfo{"not_in", Operand::array, op_not_in, "none of", false, true},
    OperatorInfo{"contains", Operand::any, op_contains, "contains"},
    OperatorInfo{"not_contains", Operand::any, op_not_contains, "does not contain"},
    OperatorInfo{"matches", Operand::regex, op_matches, "matches"},
    OperatorInfo{"not_matches", Operand::regex, op_not_matches, "does not match"},
    OperatorInfo{"lt", Operand::number, op_lt, "less than"},
    OperatorInfo{"le", Operand::number, op_le, "at most"},
    OperatorInfo{"gt", Operand::number, op_gt, "greater than"},
    OperatorInfo{"ge", Operand::number, op_ge, "at least"},
    OperatorInfo{"odd", Operand::none, op_odd, "an odd number"},
    OperatorInfo{"version_ge", Operand::string, op_version_ge, "version at least"},
    OperatorInfo{"version_lt", Operand::string, op_version_lt, "version below"},
    OperatorInfo{"mode_at_most", Operand::mode, op_mode_at_most, "mode at most"},
    OperatorInfo{"mode_is", Operand::mode, op_mode_is, "mode exactly"},
    OperatorInfo{"owner_is", Operand::string, op_owner_is, "owned by"},
    OperatorInfo{"exists", Operand::none, op_exists, "present", true},
    OperatorInfo{"not_exists", Operand::none, op_not_exists, "absent", true},
    OperatorInfo{"empty", Operand::none, op_empty, "empty"},
    OperatorInfo{"not_empty", Operand::none, op_not_empty, "not empty"},
    OperatorInfo{"subset_of", Operand::array, op_subset_of, "only from"},
    OperatorInfo{"disjoint_with", Operand::array, op_disjoint_with, "none of"},
    OperatorInfo{"has_keys", Operand::array, op_has_keys, "has entries for"},
    OperatorInfo{"not_root_user", Operand::none, op_not_root_user, "a user other than root"},
    OperatorInfo{"none_under", Operand::array, op_none_under, "no path at or under"},
    OperatorInfo{"caps_include", Operand::string, op_caps_include, "capabilities include"},
    OperatorInfo{"caps_subset_of", Operand::array, op_caps_subset_of, "capabilities only from"},
    OperatorInfo{"no_wildcard_bindings", Operand::none, op_no_wildcard_bindings, "every published port bound to a specific address"},
    OperatorInfo{"host_ports_at_least", Operand::number, op_host_ports_at_least, "host ports at least"},
    OperatorInfo{"privileged_ports_within", Operand::array, op_privileged_ports_within, "privileged host ports only from"},
    OperatorInfo{"no_wildcard_listeners", Operand::array, op_no_wildcard_listeners, "dockerd's sockets on these ports bound to a specific address"},
    OperatorInfo{"supported_release", Operand::any, op_supported_release, "a supported release, by the release table"},
};

// A pattern string, or {"pattern": P, "except": E}; both compiled here, once.
std::string check_pattern_operand(const OperatorInfo& op, const json& operand) {
  const std::string usage = "operator '" + std::string(op.name) + "' needs a regular expression string or {\"pattern\": ..., \"except\": ...}";
  if (operand.is_string()) return compile_pattern(operand.get<std::string>());
  if (!operand.is_object() || !operand.contains("pattern")) return usage;
  for (const auto& [key, value] : operand.items()) {
    if ((key != "pattern" && key != "except") || !value.is_string()) return usage;
    if (auto problem = compile_pattern(value.get<std::string>()); !problem.empty()) return problem;
  }
  return "";
}

}  // namespace

std::span<const OperatorInfo> operators() { return kOperators; }

std::string_view operand_name(Operand operand) {
  switch (operand) {
    case Operand::none: return "none";
    case Operand::any: return "any";
    case Operand::array: return "array";
    case Operand::string: return "string";
    case Operand::number: return "number";
    case Operand::regex: return "regex";
    case Operand::mode: return "mode";
  }
  return "any";
}

const OperatorInfo* find_operator(std::string_view name) {
  const auto found = std::ranges::find(kOperators, name, &OperatorInfo::name);
  return found == kOperators.end() ? nullptr : &*found;
}

std::vector<std::string> operator_names() {
  std::vector<std::string> names;
  for (const auto& op : kOperators) names.emplace_back(op.name);
  return names;
}

std::string check_operand(const OperatorInfo& op, const json& operand) {
  switch (op.operand) {
    case Operand::none: return operand.is_null() ? "" : "operator '" + std::string(op.name) + "' takes no value";
    case Operand::any: return "";
    case Operand::array: return operand.is_array() ? "" : "operator '" + std::string(op.name) + "' needs an array value";
    case Operand::string: return operand.is_string() ? "" : "operator '" + std::string(op.name) + "' needs a string value";
    case Operand::number: return operand.is_number() ? "" : "operator '" + std::string(op.name) + "' needs a number value";
    case Operand::mode: {
      if (!operand.is_string()) return "operator '" + std::string(op.name) + "' needs an octal string such as \"644\"";
      const auto& text = operand.get_ref<const std::string&>();
      const bool octal = !text.empty() && text.size() <= 4 && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '7'; });
      return octal ? "" : "'" + text + "' is not an octal mode such as \"644\"";
    }
    case Operand::regex: return check_pattern_operand(op, operand);
  }
  return "";
}

}  // namespace dockcis::engine
