// SPDX-License-Identifier: Apache-2.0
#include "engine/value_types.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace dockcis::engine {
namespace {

using model::ValueType;
using nlohmann::json;

struct TypeName {
  std::string_view name;  ///< as a check spells it
  ValueType type;
  std::string_view phrase;  ///< as a message says it
};

constexpr std::array kTypes{
    TypeName{"text", ValueType::text, "a text"},       TypeName{"number", ValueType::number, "a number"},
    TypeName{"integer", ValueType::integer, "a whole number"},
    TypeName{"boolean", ValueType::boolean, "a boolean"}, TypeName{"object", ValueType::object, "an object"},
    TypeName{"list", ValueType::list, "a list"},       TypeName{"texts", ValueType::texts, "a list of texts"},
};

bool holds(const json& value, ValueType type) {
  switch (type) {
    case ValueType::any: return true;
    case ValueType::text: return value.is_string();
    case ValueType::number: return value.is_number();
    // What the Engine API types int64: a fraction, or a number beyond 64
    // bits (read as floating point), is no setting dockerd could hold.
    case ValueType::integer: return value.is_number_integer();
    case ValueType::boolean: return value.is_boolean();
    case ValueType::object: return value.is_object();
    case ValueType::list: return value.is_array();
    case ValueType::texts: return value.is_array() && std::ranges::all_of(value, [](const json& entry) { return entry.is_string(); });
  }
  return false;
}

}  // namespace

std::optional<ValueType> parse_value_type(std::string_view name) {
  const auto found = std::ranges::find(kTypes, name, &TypeName::name);
  if (found == kTypes.end()) return std::nullopt;
  return found->type;
}

std::vector<std::string> value_type_names() {
  std::vector<std::string> names;
  for (const auto& type : kTypes) names.emplace_back(type.name);
  return names;
}

std::string_view type_phrase(ValueType type) {
  const auto named = std::ranges::find(kTypes, type, &TypeName::type);
  return named == kTypes.end() ? "anything" : named->phrase;
}

std::string type_mismatch(const json& value, ValueType type) {
  if (value.is_null() || holds(value, type)) return "";
  // A list that is not a list of texts: say which entry is not a text.
  if (type == ValueType::texts && value.is_array()) {
    const auto entry = std::ranges::find_if(value, [](const json& item) { return !item.is_string(); });
    return "a list whose entry " + std::to_string(entry - value.begin()) + " is " + type_of(*entry);
  }
  if (type == ValueType::integer && value.is_number_float()) return "a number with a fraction or beyond 64 bits (" + value.dump() + ")";
  return type_of(value);
}

}  // namespace dockcis::engine
