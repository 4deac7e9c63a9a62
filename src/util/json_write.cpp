// SPDX-License-Identifier: Apache-2.0
#include "util/json_write.hpp"

#include <charconv>
#include <limits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/utf8.hpp"
#include "util/word_scan.hpp"

namespace dockcis::util {
namespace {

using nlohmann::json;

constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();

// A string or a key, cut after `max_text` bytes.
void append_text(std::string& out, const std::string& text, std::size_t max_text) {
  if (text.size() <= max_text) return append_json_string(out, text);
  append_json_string(out, shortened(text, max_text));
}

void append_scalar(std::string& out, const json& value, std::size_t max_text) {
  char digits[24];
  switch (value.type()) {
    case json::value_t::null: out += "null"; return;
    case json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case json::value_t::string: append_text(out, value.get_ref<const std::string&>(), max_text); return;
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

// Whether any of the eight bytes at `bytes` is a control character, a quote or a backslash.
bool needs_escape(const char* bytes) {
  const auto word = words::load(bytes);
  return words::any_below(word, 0x20) || words::any_equal(word, '"') || words::any_equal(word, '\\');
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
    // Eight bytes at a time past runs that need no escape (nearly all text).
    while (at + words::kWord <= text.size() && !needs_escape(text.data() + at)) at += words::kWord;
    if (at == text.size()) break;
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

namespace {

// An indent of 0 is compact; otherwise each member on a line of its own and
// a space after a key's colon.
// Stops, returning false, once `out` is longer than `stop_at` (checked
// before each member, so at most one member's text past it).
bool append_value(std::string& out, const json& value, std::size_t indent, std::size_t depth, std::size_t max_text,
                  std::size_t stop_at = kWhole) {
  if (!value.is_structured()) {
    append_scalar(out, value, max_text);
    return true;
  }
  const auto new_line = [&](std::size_t level) {
    if (indent == 0) return;
    out += '\n';
    out.append(indent * level, ' ');
  };
  std::vector<Open> open;
  const auto enter = [&](const json& container) {
    if (container.empty()) {
      out += container.is_object() ? "{}" : "[]";
      return;
    }
    out += container.is_object() ? '{' : '[';
    open.push_back({&container, container.cbegin()});
  };
  enter(value);
  while (!open.empty()) {
    if (out.size() > stop_at) return false;
    auto& top = open.back();
    const auto level = depth + open.size();
    if (top.next == top.container->cend()) {
      new_line(level - 1);
      out += top.container->is_object() ? '}' : ']';
      open.pop_back();
      continue;
    }
    if (top.next != top.container->cbegin()) out += ',';
    new_line(level);
    const auto item = top.next++;
    if (top.container->is_object()) {
      append_text(out, item.key(), max_text);
      out += indent == 0 ? ":" : ": ";
    }
    // `top` may move when `open` grows: nothing reads it after this.
    if (item->is_structured()) enter(*item);
    else append_scalar(out, *item, max_text);
  }
  return true;
}

}  // namespace

void append_json(std::string& out, const json& value) { append_value(out, value, 0, 0, kWhole); }

void append_json_shown(std::string& out, const json& value, std::size_t max_text) { append_value(out, value, 0, 0, max_text); }

bool append_json_within(std::string& out, const json& value, std::size_t max_text, std::size_t max_total) {
  const auto stop_at = max_total > kWhole - out.size() ? kWhole : out.size() + max_total;
  return append_value(out, value, 0, 0, max_text, stop_at) && out.size() <= stop_at;
}

void append_json_indented(std::string& out, const json& value, std::size_t indent, std::size_t depth) {
  append_value(out, value, indent, depth, kWhole);
}

void IndentedJsonWriter::new_line(std::size_t level) {
  out_ += '\n';
  out_.append(indent_ * level, ' ');
}

// A list's item or an object's name starts a line of its own; a member's value follows its name.
void IndentedJsonWriter::before_value() {
  if (std::exchange(after_key_, false) || closers_.empty()) return;
  if (has_items_.back()) out_ += ',';
  has_items_.back() = true;
  new_line(depth_ + closers_.size());
}

void IndentedJsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  closers_ += bracket == '{' ? '}' : ']';
  has_items_.push_back(false);
}

void IndentedJsonWriter::end() {
  if (closers_.empty()) return;
  const char closer = closers_.back();
  const bool held = has_items_.back();
  closers_.pop_back();
  has_items_.pop_back();
  if (held) new_line(depth_ + closers_.size());
  out_ += closer;
}

void IndentedJsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void IndentedJsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void IndentedJsonWriter::value(std::size_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
}

void IndentedJsonWriter::document(const json& value) {
  before_value();
  append_json_indented(out_, value, indent_, depth_ + closers_.size());
}

}  // namespace dockcis::util
