// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cmath>

#include "engine/operator_functions.hpp"
#include "engine/patterns.hpp"
#include "util/json_access.hpp"
#include "util/utf8.hpp"
#include "util/version.hpp"

namespace dockcis::engine::ops {

using model::State;

static OpOutcome unlike(const json& actual, const json& expected) {
  return cannot("expected " + type_of(expected) + ", found " + type_of(actual));
}
// The operand of in and not_in is a list the loader checked; the value must
// be comparable with one of its entries.
static const json* unlike_any(const json& actual, const json& list) {
  if (list.empty() || std::ranges::any_of(list, [&](const json& item) { return comparable(actual, item); })) return nullptr;
  return &list.front();
}

OpOutcome op_eq(const json& actual, const json& expected) {
  if (!comparable(actual, expected)) return unlike(actual, expected);
  return verdict(loosely_equal(actual, expected));
}
OpOutcome op_ne(const json& actual, const json& expected) {
  if (!comparable(actual, expected)) return unlike(actual, expected);
  return verdict(!loosely_equal(actual, expected));
}
OpOutcome op_in(const json& actual, const json& expected) {
  if (const auto* other = unlike_any(actual, expected)) return unlike(actual, *other);
  return verdict(array_has(expected, actual));
}
OpOutcome op_not_in(const json& actual, const json& expected) {
  if (const auto* other = unlike_any(actual, expected)) return unlike(actual, *other);
  return verdict(!array_has(expected, actual));
}

OpOutcome op_contains(const json& actual, const json& expected) {
  if (actual.is_string() && expected.is_string()) {
    return verdict(actual.get_ref<const std::string&>().find(expected.get<std::string>()) != std::string::npos);
  }
  if (!actual.is_array() && !actual.is_null()) return cannot("expected a list, found " + type_of(actual));
  // An entry of another kind might be the value looked for, written otherwise.
  for (const auto& item : actual) {
    if (!comparable(item, expected)) return cannot("expected entries like " + expected.dump() + ", found " + type_of(item));
  }
  return verdict(array_has(actual, expected));
}
OpOutcome op_not_contains(const json& actual, const json& expected) {
  auto outcome = op_contains(actual, expected);
  if (outcome.state == State::error) return outcome;
  return verdict(outcome.state == State::fail);
}

// The operand is a pattern, or {"pattern": P, "except": E}: an element
// counts when it matches P and does not match E. The loader compiled both.
static std::optional<OpOutcome> any_matches(const json& actual, const json& operand, bool& found, std::string* matched = nullptr) {
  const bool split = operand.is_object();
  const auto* include = pattern(split ? util::get_or(operand, "pattern", "") : operand.get_ref<const std::string&>());
  const auto* exclude = split && operand.contains("except") ? pattern(util::get_or(operand, "except", "")) : nullptr;
  if (include == nullptr) return cannot("invalid regular expression");
  if (!actual.is_string() && !actual.is_array() && !actual.is_null()) return cannot("expected a text or a list of texts, found " + type_of(actual));
  // The list is read where it stands (an image's Env, a history): only a lone text is wrapped.
  static const json kNone = json::array();
  const json lone = actual.is_string() ? json::array({actual}) : json();
  const json& items = actual.is_array() ? actual : actual.is_string() ? lone : kNone;
  found = false;
  // Every entry is read before a verdict: a match found before an entry of
  // another kind would otherwise hide that the list is not what it should be.
  for (const auto& item : items) {
    if (!item.is_string() && !item.is_null()) return cannot("expected a list of texts, found " + type_of(item) + " in it");
  }
  for (const auto& item : items) {
    if (item.is_null()) continue;
    const auto& text = item.get_ref<const std::string&>();
    if (search(*include, text) && (exclude == nullptr || !search(*exclude, text))) {
      found = true;
      if (matched != nullptr) *matched = text;
      return std::nullopt;
    }
  }
  return std::nullopt;
}
OpOutcome op_matches(const json& actual, const json& expected) {
  bool found = false;
  if (auto error = any_matches(actual, expected, found)) return *error;
  return verdict(found);
}
// The text that matched, shown without what follows its first "=": the
// patterns look for secrets, and the report must not repeat their values.
static std::string masked(const std::string& text) {
  constexpr std::size_t kShown = 120;
  const auto equals = text.find('=');
  if (equals != std::string::npos && equals < kShown) return text.substr(0, equals) + "=…";
  return util::shortened(text, kShown);
}

OpOutcome op_not_matches(const json& actual, const json& expected) {
  bool found = false;
  std::string matched;
  if (auto error = any_matches(actual, expected, found, &matched)) return *error;
  if (found) return {State::fail, "found " + masked(matched)};
  return verdict(true);
}

template <typename Compare>
OpOutcome numeric(const json& actual, const json& expected, Compare compare) {
  if (actual.is_null()) return verdict(false);
  const auto x = as_number(actual), y = as_number(expected);
  if (!x) return cannot("expected a number, found " + type_of(actual));
  if (!y) return cannot("the value compared with is not a number");
  return verdict(compare(*x, *y));
}
OpOutcome op_lt(const json& a, const json& e) { return numeric(a, e, std::less<double>{}); }
OpOutcome op_le(const json& a, const json& e) { return numeric(a, e, std::less_equal<double>{}); }
OpOutcome op_gt(const json& a, const json& e) { return numeric(a, e, std::greater<double>{}); }
OpOutcome op_ge(const json& a, const json& e) { return numeric(a, e, std::greater_equal<double>{}); }
OpOutcome op_odd(const json& actual, const json&) {
  const auto x = as_number(actual);
  if (!x) return actual.is_null() ? verdict(false) : cannot("expected a number, found " + type_of(actual));
  return verdict(std::fmod(std::fabs(*x), 2.0) == 1.0);
}

OpOutcome op_version_ge(const json& actual, const json& expected) {
  if (!actual.is_string()) return cannot("expected a version (a text), found " + type_of(actual));
  return verdict(util::compare_versions(actual.get<std::string>(), expected.get<std::string>()) >= 0);
}
OpOutcome op_version_lt(const json& actual, const json& expected) {
  if (!actual.is_string()) return cannot("expected a version (a text), found " + type_of(actual));
  return verdict(util::compare_versions(actual.get<std::string>(), expected.get<std::string>()) < 0);
}

OpOutcome op_exists(const json& actual, const json&) { return verdict(!actual.is_null()); }
OpOutcome op_not_exists(const json& actual, const json&) { return verdict(actual.is_null()); }
// Only a text, a list or an object can be empty; a number or a boolean is neither.
static std::optional<OpOutcome> not_a_container(const json& actual) {
  if (actual.is_number() || actual.is_boolean()) return cannot("expected a text, a list or an object, found " + type_of(actual));
  return std::nullopt;
}
OpOutcome op_empty(const json& actual, const json&) {
  if (auto error = not_a_container(actual)) return *error;
  return verdict(is_empty(actual));
}
OpOutcome op_not_empty(const json& actual, const json&) {
  if (auto error = not_a_container(actual)) return *error;
  return verdict(!is_empty(actual));
}

// The entries of a list compared with the list V: each must be comparable
// with one of V's entries (any text, number or boolean when V is empty), as for in.
static std::optional<OpOutcome> unlike_entries(const json& items, const json& expected) {
  for (const auto& item : items) {
    if (const auto* other = unlike_any(item, expected)) return cannot("expected entries like " + other->dump() + ", found " + type_of(item));
    if (expected.empty() && (item.is_object() || item.is_array())) return cannot("expected entries like a text, found " + type_of(item));
  }
  return std::nullopt;
}

OpOutcome op_subset_of(const json& actual, const json& expected) {
  const auto items = as_array(actual);
  if (!items) return cannot("expected a list, found " + type_of(actual));
  if (auto error = unlike_entries(*items, expected)) return *error;
  return verdict(std::ranges::all_of(*items, [&](const json& item) { return array_has(expected, item); }));
}
OpOutcome op_has_keys(const json& actual, const json& expected) {
  if (actual.is_null()) return verdict(expected.empty());
  if (!actual.is_object()) return cannot("expected an object, found " + type_of(actual));
  for (const auto& key : expected) {
    if (key.is_string() && !actual.contains(key.get<std::string>())) return {State::fail, "no entry for " + key.get<std::string>()};
  }
  return verdict(true);
}
OpOutcome op_disjoint_with(const json& actual, const json& expected) {
  const auto items = as_array(actual);
  if (!items) return cannot("expected a list, found " + type_of(actual));
  if (auto error = unlike_entries(*items, expected)) return *error;
  return verdict(std::ranges::none_of(*items, [&](const json& item) { return array_has(expected, item); }));
}

}  // namespace dockcis::engine::ops
