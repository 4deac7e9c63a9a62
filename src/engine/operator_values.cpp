// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "engine/operator_functions.hpp"
#include "util/strings.hpp"

namespace dockcis::engine::ops {

using model::State;

OpOutcome verdict(bool passed) { return {passed ? State::pass : State::fail, {}}; }
OpOutcome cannot(std::string message) { return {State::error, std::move(message)}; }

// The Engine API reports some booleans and numbers as strings (network
// Options), so equality coerces before comparing.
std::optional<bool> as_bool(const json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) {
    const auto text = util::to_lower(value.get<std::string>());
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
  }
  return std::nullopt;
}

std::optional<double> as_number(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (end && *end == '\0') return parsed;
  }
  return std::nullopt;
}

bool loosely_equal(const json& a, const json& b) {
  if (a == b) return true;
  if (a.is_boolean() || b.is_boolean()) {
    const auto x = as_bool(a), y = as_bool(b);
    return x && y && *x == *y;
  }
  if (a.is_number() || b.is_number()) {
    const auto x = as_number(a), y = as_number(b);
    return x && y && *x == *y;
  }
  return false;
}

bool comparable(const json& actual, const json& expected) {
  // A null is what a sparse document's absent field reads as; it is unequal
  // to every value (a present null in a strict document is caught before).
  if (actual.is_null() || expected.is_null()) return true;
  if (expected.is_boolean()) return as_bool(actual).has_value();
  if (expected.is_number()) return as_number(actual).has_value();
  if (expected.is_string()) {
    return actual.is_string() || (actual.is_boolean() && as_bool(expected)) || (actual.is_number() && as_number(expected));
  }
  return actual.type() == expected.type();
}

std::optional<json> as_array(const json& value) {
  if (value.is_null()) return json::array();
  if (value.is_array()) return value;
  if (value.is_object()) return std::nullopt;
  return json::array({value});
}

bool array_has(const json& array, const json& element) {
  return std::ranges::any_of(array, [&](const json& item) { return loosely_equal(item, element); });
}

// json::empty() is false for every string, so strings are checked by length.
bool is_empty(const json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().empty();
  return value.is_null() || ((value.is_array() || value.is_object()) && value.empty());
}

}  // namespace dockcis::engine::ops
