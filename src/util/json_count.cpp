// SPDX-License-Identifier: Apache-2.0
#include "util/json_count.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "util/utf8.hpp"

namespace dockcis::util {
namespace {

using nlohmann::json;

// Counts the values directly inside the outer array; returning false stops
// the parse (a document of another shape, too deep, or a text too long).
class EntryCounter {
 public:
  explicit EntryCounter(const JsonLimits& limits) : limits_(limits) {}

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool string(json::string_t& text) { return text.size() <= limits_.max_string && value(); }
  bool binary(json::binary_t&) { return value(); }
  bool key(json::string_t& text) { return text.size() <= limits_.max_string; }
  bool start_object(std::size_t) { return depth_ > 0 && open(); }
  bool start_array(std::size_t) { return open(); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  [[nodiscard]] std::size_t entries() const { return entries_; }

 private:
  // A scalar outside the outer array means the document is not a list.
  bool value() {
    if (depth_ == 1) ++entries_;
    return depth_ > 0;
  }
  bool open() {
    if (depth_ >= limits_.max_depth) return false;
    if (depth_ == 1) ++entries_;
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  const JsonLimits& limits_;
  std::size_t depth_ = 0;
  std::size_t entries_ = 0;
};

}  // namespace

std::optional<std::size_t> count_array_entries(std::string_view text, const JsonLimits& limits) {
  // As parse_json() reads them: bytes that are not UTF-8 become U+FFFD.
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = valid_utf8(text);
    text = repaired;
  }
  EntryCounter counter(limits);
  try {
    if (!json::sax_parse(text.begin(), text.end(), &counter, json::input_format_t::json, true, limits.allow_comments)) {
      return std::nullopt;
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return counter.entries();
}

}  // namespace dockcis::util
