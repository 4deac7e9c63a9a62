// SPDX-License-Identifier: Apache-2.0
#include "util/json_write.hpp"

#include <charconv>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/utf8.hpp"

namespace dockcis::util {
namespace {

using nlohmann::json;

void append_scalar(std::string& out, const json& value) {
  char digits[24];
  switch (value.type()) {
    case json::value_t::null: out += "null"; return;
    case json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case json::value_t::string: append_json_string(out, value.get_ref<const std::string&>()); return;
    case json::value_t::number_integer: {
      const auto end = std::to_chars(digits, digits + sizeof digits, value.get<json::number_integer_t>()).ptr;
      out.append(digits, end);
      return;
    }
    case json::value_t::number_unsigned: {
      const auto end = std::to_chars(digits, digits + sizeof digits, value.get<json::number_unsigned_t>()).ptr;
      out.append(digits, end);
      return;
    }
    // Floating point (nlohmann's own shortest form, "null" for what JSON cannot
    // hold) and binary values are rare in what dockcis reads: nlohmann writes them.
    default: out += value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

// A list or an object being written: where its walk stands.
struct Open {
  const json* container;
  json::const_iterator next;
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // nlohmann decides how to replace what is not UTF-8; only valid text takes the short way.
  if (!is_valid_utf8(text)) {
    out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes written as they are
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(plain, at - plain));
    plain = at + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

void append_json(std::string& out, const json& value) {
  if (!value.is_structured()) return append_scalar(out, value);
  std::vector<Open> open;
  const auto enter = [&](const json& container) {
    out += container.is_object() ? '{' : '[';
    open.push_back({&container, container.cbegin()});
  };
  enter(value);
  while (!open.empty()) {
    auto& top = open.back();
    if (top.next == top.container->cend()) {
      out += top.container->is_object() ? '}' : ']';
      open.pop_back();
      continue;
    }
    if (top.next != top.container->cbegin()) out += ',';
    const auto item = top.next++;
    if (top.container->is_object()) {
      append_json_string(out, item.key());
      out += ':';
    }
    // `top` may move when `open` grows: nothing reads it after this.
    if (item->is_structured()) enter(*item);
    else append_scalar(out, *item);
  }
}

}  // namespace dockcis::util
