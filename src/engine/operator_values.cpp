// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <string_view>

#include "engine/operator_functions.hpp"

namespace dockcis::engine::ops {

using model::State;

OpOutcome verdict(bool passed) { return {passed ? State::pass : State::fail, {}}; }
OpOutcome cannot(std::string message) { return {State::error, std::move(message)}; }

// A value is judged as the kind it is: a text is never read as a boolean or
// a number here, so "0", "False" or "Infinity" sent where the API has a
// boolean or a number is an error, not a value (a check on a field the API
// sends as text, such as a network's Options, compares texts).
std::optional<double> as_number(const json& value) {
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

std::optional<double> decimal_text(std::string_view text) {
  const auto digits = text.starts_with('-') ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 18 || !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  double parsed = 0;
  for (const char c : digits) parsed = parsed * 10 + (c - '0');
  return text.starts_with('-') ? -parsed : parsed;
}

bool loosely_equal(const json& a, const json& b) {
  if (a == b) return true;
  const auto x = as_number(a), y = as_number(b);
  return x && y && *x == *y;
}

bool comparable(const json& actual, const json& expected) {
  // A null is what a sparse document's absent field reads as; it is unequal
  // to every value (a present null in a strict document is caught before).
  if (actual.is_null() || expected.is_null()) return true;
  if (expected.is_number()) return actual.is_number();
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
