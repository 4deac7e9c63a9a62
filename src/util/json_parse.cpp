// SPDX-License-Identifier: Apache-2.0
#include "util/json_parse.hpp"

#include <optional>

#include "util/utf8.hpp"

namespace dockcis::util {
namespace {

using nlohmann::json;

// nlohmann's DOM builder behind a SAX filter that refuses a document nesting
// deeper or holding longer text than allowed. The parser keeps its own stack
// (no recursion); a plain SAX handler costs about half of the callback
// parser, whose per-value bookkeeping was most of reading a snapshot.
// json_sax_dom_parser is the builder json::parse itself uses (in nlohmann's
// detail namespace since 3.0; Debian 12 ships 3.11.2).
class BoundedDom {
 public:
  BoundedDom(json& result, const JsonLimits& limits) : dom_(result, false), limits_(limits) {}

  bool null() { return dom_.null(); }
  bool boolean(bool value) { return dom_.boolean(value); }
  bool number_integer(json::number_integer_t value) { return dom_.number_integer(value); }
  bool number_unsigned(json::number_unsigned_t value) { return dom_.number_unsigned(value); }
  bool number_float(json::number_float_t value, const std::string& text) { return dom_.number_float(value, text); }
  bool string(std::string& value) { return short_enough(value) && dom_.string(value); }
  bool binary(json::binary_t& value) { return dom_.binary(value); }
  bool start_object(std::size_t elements) { return opens() && dom_.start_object(elements); }
  bool key(std::string& value) { return short_enough(value) && dom_.key(value); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t elements) { return opens() && dom_.start_array(elements); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& error) {
    refused_ = JsonError{JsonError::Kind::syntax, valid_utf8(error.what())};
    return dom_.parse_error(position, token, error);
  }

  const std::optional<JsonError>& refused() const { return refused_; }

 private:
  bool opens() {
    if (depth_ >= limits_.max_depth) {
      refused_ = JsonError{JsonError::Kind::too_deep, "nested deeper than " + std::to_string(limits_.max_depth) + " levels"};
      return false;
    }
    ++depth_;
    return true;
  }
  bool short_enough(const std::string& value) {
    if (value.size() <= limits_.max_string) return true;
    refused_ = JsonError{JsonError::Kind::string_too_long, "holds a text longer than " + std::to_string(limits_.max_string / 1024) + " KiB"};
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  const JsonLimits& limits_;
  std::size_t depth_ = 0;
  std::optional<JsonError> refused_;
};

}  // namespace

std::expected<json, JsonError> parse_json(std::string_view text, const JsonLimits& limits) {
  // Bytes that are not UTF-8 (Latin-1 names and labels) can only sit inside
  // strings: they become U+FFFD, as everywhere facts are stored, instead of
  // making the whole document unreadable.
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = valid_utf8(text);
    text = repaired;
  }
  json result;
  BoundedDom handler(result, limits);
  try {
    const bool parsed = json::sax_parse(text.begin(), text.end(), &handler, json::input_format_t::json, true, limits.allow_comments);
    if (handler.refused()) return std::unexpected(*handler.refused());
    if (!parsed) return std::unexpected(JsonError{JsonError::Kind::syntax, "not a JSON document"});
    return result;
  } catch (const json::exception& error) {
    return std::unexpected(JsonError{JsonError::Kind::syntax, valid_utf8(error.what())});
  }
}

}  // namespace dockcis::util
