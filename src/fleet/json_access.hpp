// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace dockcis::fleet {

/// Thrown inside the report reader only, caught at its boundary: where in
/// the document (JSON pointer) and what is wrong there.
struct Refused {
  std::string pointer;
  std::string message;
};

/// Typed reads from a JSON document that name the pointer of whatever is
/// missing or of the wrong type. Never throws nlohmann's exceptions.
class Node {
 public:
  Node(const nlohmann::json& value, std::string pointer) : value_(&value), pointer_(std::move(pointer)) {}

  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] const nlohmann::json& value() const { return *value_; }
  [[nodiscard]] bool has(const char* key) const;

  /// The member `key` of an object (refused when absent, or when this is not an object).
  [[nodiscard]] Node at(const char* key) const;
  [[nodiscard]] std::optional<Node> find(const char* key) const;
  [[nodiscard]] Node item(std::size_t index) const;
  [[nodiscard]] std::size_t array_size() const;  ///< refused unless an array

  [[nodiscard]] std::string text() const;  ///< refused unless a string
  [[nodiscard]] bool boolean() const;
  [[nodiscard]] double number(double low, double high) const;
  [[nodiscard]] int integer(int low, int high) const;
  void require_object() const;

  /// Optional string member: "" when absent or null, refused when another type.
  [[nodiscard]] std::string text_or_empty(const char* key) const;

  [[noreturn]] void refuse(const std::string& message) const;

 private:
  const nlohmann::json* value_;
  std::string pointer_;
};

std::string escape_pointer_token(const std::string& key);

}  // namespace dockcis::fleet
