// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockcis::util {

/// The member `key` of `object` as a T, or `fallback` when `object` is not an
/// object, has no such member, or holds another type there. Documents from
/// the host and the engine are read through this: a mistyped field never
/// throws (nlohmann's value() does).
template <typename T>
T get_or(const nlohmann::json& object, std::string_view key, T fallback) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(key);
  if (found == object.end()) return fallback;
  const auto& value = *found;
  if constexpr (std::is_same_v<T, nlohmann::json>) {
    return value;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value.is_string() ? value.get<std::string>() : fallback;
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    // A view into `object`, valid while it lives and is not changed.
    return value.is_string() ? std::string_view(value.get_ref<const std::string&>()) : fallback;
  } else if constexpr (std::is_same_v<T, bool>) {
    return value.is_boolean() ? value.get<bool>() : fallback;
  } else if constexpr (std::is_integral_v<T>) {
    // A number outside T is not a T: narrowed, a uid of 2^32 would read as 0 (root).
    if (value.is_number_unsigned()) {
      const auto number = value.get<std::uint64_t>();
      return std::in_range<T>(number) ? static_cast<T>(number) : fallback;
    }
    if (value.is_number_integer()) {
      const auto number = value.get<std::int64_t>();
      return std::in_range<T>(number) ? static_cast<T>(number) : fallback;
    }
    return fallback;
  } else if constexpr (std::is_floating_point_v<T>) {
    return value.is_number() ? value.get<T>() : fallback;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!value.is_array()) return fallback;
    std::vector<std::string> out;
    for (const auto& item : value) {
      if (!item.is_string()) return fallback;
      out.push_back(item.get<std::string>());
    }
    return out;
  } else {
    static_assert(std::is_same_v<T, void>, "get_or: unsupported type");
  }
}

/// The same at a JSON pointer: `fallback` when anything on the way is missing.
template <typename T>
T get_or(const nlohmann::json& document, const nlohmann::json::json_pointer& pointer, T fallback) {
  if (pointer.empty()) return fallback;
  const auto parent = pointer.parent_pointer();
  if (!document.contains(parent)) return fallback;
  return get_or<T>(document.at(parent), pointer.back(), std::move(fallback));
}

inline std::string get_or(const nlohmann::json& object, std::string_view key, const char* fallback) {
  return get_or<std::string>(object, key, std::string(fallback));
}

/// "an object", "a number", "null", ...: what a value is, for messages.
inline std::string type_of(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::string: return "a text";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::null: return "null";
    default: return "a number";
  }
}

}  // namespace dockcis::util
