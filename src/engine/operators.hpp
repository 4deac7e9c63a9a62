// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/state.hpp"

namespace dockcis::engine {

using json = nlohmann::json;

/// What one operator concluded: pass, fail, notapplicable (the thing is not
/// there to judge, e.g. a missing file) or error (the value cannot be compared).
struct OpOutcome {
  model::State state;
  std::string message;
};

/// How an operator uses its operand.
enum class Operand { none, any, array, string, number, regex, mode };

struct OperatorInfo {
  std::string_view name;
  Operand operand;
  OpOutcome (*apply)(const json& actual, const json& expected);
  std::string_view describes;  ///< how reports phrase the expectation
  /// Whether the operator decides on a field being there at all (exists,
  /// not_exists); for every other one an absent field is an error.
  bool judges_presence = false;
  /// Whether a null the document sends is read as the field being absent:
  /// the equality operators, for which a null would otherwise be unequal to
  /// every value (so pass ne). The list operators read null as an empty list,
  /// as the Engine API means it (CapAdd, SecurityOpt).
  bool null_is_absent = false;
};

/// The operator table, and one operator by name (nullptr when unknown).
std::span<const OperatorInfo> operators();
const OperatorInfo* find_operator(std::string_view name);
/// "none", "array", "regex", ...: what an operator takes, for listings.
std::string_view operand_name(Operand operand);
std::vector<std::string> operator_names();

/// Validates an operand at load time; empty string when acceptable.
std::string check_operand(const OperatorInfo& op, const json& operand);

}  // namespace dockcis::engine
