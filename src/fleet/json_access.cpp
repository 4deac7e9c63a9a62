// SPDX-License-Identifier: Apache-2.0
#include "fleet/json_access.hpp"

#include <cmath>

namespace dockcis::fleet {
namespace {

const char* type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "a value of another type";
  }
}

}  // namespace

std::string escape_pointer_token(const std::string& key) {
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
  if (!value_->is_object()) refuse(std::string("expected an object, found ") + type_name(*value_));
}

bool Node::has(const char* key) const { return value_->is_object() && value_->contains(key); }

Node Node::at(const char* key) const {
  require_object();
  const auto found = value_->find(key);
  if (found == value_->end()) refuse(std::string("missing required key '") + key + "'");
  return Node(*found, pointer_ + "/" + escape_pointer_token(key));
}

std::optional<Node> Node::find(const char* key) const {
  require_object();
  const auto found = value_->find(key);
  if (found == value_->end()) return std::nullopt;
  return Node(*found, pointer_ + "/" + escape_pointer_token(key));
}

Node Node::item(std::size_t index) const { return Node((*value_)[index], pointer_ + "/" + std::to_string(index)); }

std::size_t Node::array_size() const {
  if (!value_->is_array()) refuse(std::string("expected an array, found ") + type_name(*value_));
  return value_->size();
}

std::string Node::text() const {
  if (!value_->is_string()) refuse(std::string("expected a string, found ") + type_name(*value_));
  return value_->get_ref<const std::string&>();
}

bool Node::boolean() const {
  if (!value_->is_boolean()) refuse(std::string("expected true or false, found ") + type_name(*value_));
  return value_->get<bool>();
}

double Node::number(double low, double high) const {
  if (!value_->is_number()) refuse(std::string("expected a number, found ") + type_name(*value_));
  const double number = value_->get<double>();
  if (!std::isfinite(number) || number < low || number > high) {
    refuse("expected a number from " + std::to_string(static_cast<long long>(low)) + " to " + std::to_string(static_cast<long long>(high)));
  }
  return number;
}

int Node::integer(int low, int high) const {
  if (!value_->is_number_integer()) refuse(std::string("expected an integer, found ") + type_name(*value_));
  const auto number = value_->is_number_unsigned() ? static_cast<long long>(std::min<std::uint64_t>(value_->get<std::uint64_t>(), 1ULL << 62))
                                                   : value_->get<long long>();
  if (number < low || number > high) refuse("expected an integer from " + std::to_string(low) + " to " + std::to_string(high));
  return static_cast<int>(number);
}

std::string Node::text_or_empty(const char* key) const {
  const auto member = find(key);
  if (!member || member->value().is_null()) return {};
  return member->text();
}

}  // namespace dockcis::fleet
