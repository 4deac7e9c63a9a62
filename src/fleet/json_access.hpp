// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <simdjson.h>

namespace dockcis::fleet {

/// Thrown inside the report reader only, caught at its boundary: where in
/// the document (JSON pointer) and what is wrong there.
struct Refused {
  std::string pointer;
  std::string message;
};

/// Typed reads from a parsed JSON document (simdjson's DOM, read through its
/// error codes) that name the pointer of whatever is missing or of the wrong
/// type. A Node is valid while the parser that made the document is.
class Node {
 public:
  Node(simdjson::dom::element value, std::string pointer) : value_(value), pointer_(std::move(pointer)) {}

  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] bool is_null() const { return value_.is_null(); }

  /// The member `key` of an object (refused when absent, or when this is not an object).
  [[nodiscard]] Node at(const char* key) const;
  [[nodiscard]] std::optional<Node> find(const char* key) const;
  /// The elements of an array, in order (refused unless an array).
  [[nodiscard]] std::vector<Node> items() const;
  /// The members of an object as {key, value}, in document order (refused unless an object).
  [[nodiscard]] std::vector<std::pair<std::string, Node>> members() const;

  [[nodiscard]] std::string text() const;  ///< refused unless a string
  [[nodiscard]] bool boolean() const;
  [[nodiscard]] double number(double low, double high) const;
  [[nodiscard]] int integer(int low, int high) const;
  void require_object() const;

  /// Optional string member: "" when absent or null, refused when another type.
  [[nodiscard]] std::string text_or_empty(const char* key) const;

  [[noreturn]] void refuse(const std::string& message) const;

 private:
  [[nodiscard]] simdjson::dom::object object() const;

  simdjson::dom::element value_;
  std::string pointer_;
};

std::string escape_pointer_token(std::string_view key);

}  // namespace dockcis::fleet
