// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/check.hpp"
#include "util/json_access.hpp"

// The kinds of JSON values, as checks declare them ("type") and as messages
// name them ("a text", "a list of texts").
namespace dockcis::engine {

/// "text" -> ValueType::text; nullopt for a name that is not a type.
std::optional<model::ValueType> parse_value_type(std::string_view name);
/// The names a check may give, for messages and listings.
std::vector<std::string> value_type_names();
using util::type_of;
/// "a list of texts": a type as messages name it.
std::string_view type_phrase(model::ValueType type);
/// What `value` is when it is not of `type` ("a text", "a list whose entry 2
/// is a number"), or "" when it is. A null is of every type: it is what an
/// absent or unset field reads as, judged by the predicate's absence rules.
std::string type_mismatch(const nlohmann::json& value, model::ValueType type);

}  // namespace dockcis::engine
