// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>

#include "engine/operators.hpp"
#include "engine/value_types.hpp"

// Value coercions the operators share, and the declarations of the operator
// functions the table in operators.cpp lists.
namespace dockcis::engine::ops {

OpOutcome verdict(bool passed);
OpOutcome cannot(std::string message);
/// A JSON number's value; nothing for any other kind, a text included.
std::optional<double> as_number(const json& value);
/// A text that is a plain decimal integer ("8080", "-1"), as the Engine API
/// writes host ports: nothing for anything else (" 80", "0x50", "1e3").
std::optional<double> decimal_text(std::string_view text);
/// Equality, numbers compared by value (1 and 1.0 are equal).
bool loosely_equal(const json& a, const json& b);
/// Whether eq and ne can tell `actual` from `expected`: values of one kind
/// (a text is no boolean or number, whatever it reads). A value of another kind (an object
/// where a mode was expected) is neither equal nor unequal: an error.
bool comparable(const json& actual, const json& expected);
/// null -> [], an array as is, a scalar -> [value]; nullopt for an object
/// (a list was expected and something else came).
std::optional<json> as_array(const json& value);
bool array_has(const json& array, const json& element);
bool is_empty(const json& value);

OpOutcome op_eq(const json& actual, const json& expected);
OpOutcome op_ne(const json& actual, const json& expected);
OpOutcome op_in(const json& actual, const json& expected);
OpOutcome op_not_in(const json& actual, const json& expected);
OpOutcome op_contains(const json& actual, const json& expected);
OpOutcome op_not_contains(const json& actual, const json& expected);
OpOutcome op_matches(const json& actual, const json& expected);
OpOutcome op_not_matches(const json& actual, const json& expected);
OpOutcome op_lt(const json& actual, const json& expected);
OpOutcome op_le(const json& actual, const json& expected);
OpOutcome op_gt(const json& actual, const json& expected);
OpOutcome op_ge(const json& actual, const json& expected);
OpOutcome op_odd(const json& actual, const json& expected);
OpOutcome op_version_ge(const json& actual, const json& expected);
OpOutcome op_version_lt(const json& actual, const json& expected);
OpOutcome op_mode_at_most(const json& actual, const json& expected);
OpOutcome op_mode_is(const json& actual, const json& expected);
OpOutcome op_owner_is(const json& actual, const json& expected);
OpOutcome op_exists(const json& actual, const json& expected);
OpOutcome op_not_exists(const json& actual, const json& expected);
OpOutcome op_empty(const json& actual, const json& expected);
OpOutcome op_not_empty(const json& actual, const json& expected);
OpOutcome op_subset_of(const json& actual, const json& expected);
OpOutcome op_has_keys(const json& actual, const json& expected);
OpOutcome op_disjoint_with(const json& actual, const json& expected);
OpOutcome op_not_root_user(const json& actual, const json& expected);
OpOutcome op_none_under(const json& actual, const json& expected);
OpOutcome op_caps_include(const json& actual, const json& expected);
OpOutcome op_caps_subset_of(const json& actual, const json& expected);
OpOutcome op_no_wildcard_bindings(const json& actual, const json& expected);
OpOutcome op_host_ports_at_least(const json& actual, const json& expected);
OpOutcome op_privileged_ports_within(const json& actual, const json& expected);
OpOutcome op_no_wildcard_listeners(const json& actual, const json& expected);
OpOutcome op_supported_release(const json& actual, const json& expected);

}  // namespace dockcis::engine::ops
