// SPDX-License-Identifier: Apache-2.0
#include "util/json_count.hpp"

namespace dockcis::util {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<std::size_t> count_array_entries(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && is_space(text[at])) ++at;
  if (at == text.size() || text[at] != '[') return std::nullopt;
  // Bytes of multi-byte UTF-8 (or stray Latin-1) are never '"', '\\' or a
  // bracket, so a byte-wise walk finds the same structure as a parser.
  std::size_t depth = 1, entries = 0;
  bool in_string = false, escaped = false, expect_entry = true;
  for (++at; at < text.size() && depth > 0; ++at) {
    const char c = text[at];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (is_space(c)) continue;
    if (depth == 1 && expect_entry && c != ']') {
      ++entries;
      expect_entry = false;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
    else if (c == ',' && depth == 1) expect_entry = true;
  }
  if (depth > 0) return std::nullopt;
  while (at < text.size() && is_space(text[at])) ++at;
  if (at != text.size()) return std::nullopt;
  return entries;
}

}  // namespace dockcis::util
