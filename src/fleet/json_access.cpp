// SPDX-License-Identifier: Apache-2.0
#include "fleet/json_access.hpp"

#include <cmath>

namespace dockcis::fleet {
namespace {

using simdjson::dom::element_type;

const char* type_name(simdjson::dom::element value) {
  switch (value.type()) {
    case element_type::NULL_VALUE: return "null";
    case element_type::OBJECT: return "an object";
    case element_type::ARRAY: return "an array";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
  }
  return "a value of another type";
}

}  // namespace

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

void Node::refuse(const std::string& message) const { throw Refused{pointer_, message}; }

void Node::require_object() const {
  if (!value_.is_object()) refuse(std::string("expected an object, found ") + type_name(value_));
}

simdjson::dom::object Node::object() const {
  simdjson::dom::object out;
  if (value_.get_object().get(out) != simdjson::SUCCESS) refuse(std::string("expected an object, found ") + type_name(value_));
  return out;
}

Node Node::at(const char* key) const {
  auto found = find(key);
  if (!found) refuse(std::string("missing required key '") + key + "'");
  return *found;
}

std::optional<Node> Node::find(const char* key) const {
  simdjson::dom::element member;
  if (object().at_key(key).get(member) != simdjson::SUCCESS) return std::nullopt;
  return Node(member, pointer_ + "/" + escape_pointer_token(key));
}

std::vector<Node> Node::items() const {
  simdjson::dom::array array;
  if (value_.get_array().get(array) != simdjson::SUCCESS) refuse(std::string("expected an array, found ") + type_name(value_));
  std::vector<Node> out;
  out.reserve(array.size());
  for (const auto item : array) out.emplace_back(item, pointer_ + "/" + std::to_string(out.size()));
  return out;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
  std::vector<std::pair<std::string, Node>> out;
  for (const auto field : object()) {
    std::string key(field.key);
    out.emplace_back(key, Node(field.value, pointer_ + "/" + escape_pointer_token(key)));
  }
  return out;
}

std::string Node::text() const {
  std::string_view text;
  if (value_.get_string().get(text) != simdjson::SUCCESS) refuse(std::string("expected a string, found ") + type_name(value_));
  return std::string(text);
}

bool Node::boolean() const {
  bool value = false;
  if (value_.get_bool().get(value) != simdjson::SUCCESS) refuse(std::string("expected true or false, found ") + type_name(value_));
  return value;
}

double Node::number(double low, double high) const {
  if (!value_.is_number()) refuse(std::string("expected a number, found ") + type_name(value_));
  double number = 0;
  if (value_.type() == element_type::DOUBLE) number = value_.get_double().value_unsafe();
  else if (value_.type() == element_type::INT64) number = static_cast<double>(value_.get_int64().value_unsafe());
  else number = static_cast<double>(value_.get_uint64().value_unsafe());
  if (!std::isfinite(number) || number < low || number > high) {
    refuse("expected a number from " + std::to_string(static_cast<long long>(low)) + " to " + std::to_string(static_cast<long long>(high)));
  }
  return number;
}

int Node::integer(int low, int high) const {
  std::int64_t number = 0;
  if (value_.type() == element_type::UINT64) {
    refuse("expected an integer from " + std::to_string(low) + " to " + std::to_string(high));
  }
  if (value_.get_int64().get(number) != simdjson::SUCCESS || value_.type() != element_type::INT64) {
    refuse(std::string("expected an integer, found ") + type_name(value_));
  }
  if (number < low || number > high) refuse("expected an integer from " + std::to_string(low) + " to " + std::to_string(high));
  return static_cast<int>(number);
}

std::string Node::text_or_empty(const char* key) const {
  const auto member = find(key);
  if (!member || member->is_null()) return {};
  return member->text();
}

}  // namespace dockcis::fleet
