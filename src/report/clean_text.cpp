// SPDX-License-Identifier: Apache-2.0
#include "report/clean_text.hpp"

#include <cstdint>

#include "util/word_scan.hpp"

namespace dockcis::report {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void escape_byte(std::string& out, unsigned char byte) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xf];
}

void escape_code_point(std::string& out, char32_t code) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xf];
}

// Code points that reorder or hide text (a "Trojan source" title, a zero
// width no-break space), that break a line where none is seen (U+2028,
// U+2029), that C1 terminals treat as escape sequences, or that XML 1.0 forbids.
bool shown_escaped(char32_t code) {
  return (code >= 0x80 && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ||
         code == 0x200e || code == 0x200f || code == 0x061c || code == 0x2028 || code == 0x2029 || code == 0xfeff ||
         code == 0xfffe || code == 0xffff;
}

// Length of the UTF-8 sequence at `text[at]` and its code point; 0 when the
// bytes are not valid UTF-8 (overlong forms and surrogates included).
std::size_t decode(std::string_view text, std::size_t at, char32_t& code) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, code = lead & 0x1f, minimum = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, code = lead & 0x0f, minimum = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, code = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xc0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return length;
}

bool plain_ascii(std::uint64_t word) {
  using namespace util::words;
  return !any_high(word) && !any_below(word, 0x20) && !any_equal(word, 0x7f);
}

}  // namespace

bool is_clean_text(std::string_view text, bool keep_lines) {
  std::size_t at = 0;
  while (at + util::words::kWord <= text.size() && plain_ascii(util::words::load(text.data() + at))) at += util::words::kWord;
  for (; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    const bool printable = byte >= 0x20 && byte < 0x7f;
    if (!printable && !(keep_lines && (byte == '\n' || byte == '\t'))) return false;
  }
  return true;
}

std::string clean_text(std::string_view text, bool keep_lines) {
  std::string out;
  out.reserve(text.size());
  // Bytes kept as they are are copied a run at a time: most text has nothing to escape.
  std::size_t plain = 0;
  const auto copy_plain_to = [&](std::size_t at) { out.append(text.substr(plain, at - plain)); };
  for (std::size_t at = 0; at < text.size();) {
    // Eight bytes at a time past printable ASCII (a kept line break or tab is looked at byte by byte).
    while (at + util::words::kWord <= text.size() && plain_ascii(util::words::load(text.data() + at))) at += util::words::kWord;
    if (at == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
      if ((byte < 0x20 || byte == 0x7f) && !(keep_lines && (byte == '\n' || byte == '\t'))) {
        copy_plain_to(at);
        escape_byte(out, byte);
        plain = at + 1;
      }
      ++at;
      continue;
    }
    char32_t code = 0;
    const auto length = decode(text, at, code);
    if (length == 0) {
      copy_plain_to(at);
      escape_byte(out, byte);
      plain = ++at;
    } else if (shown_escaped(code)) {
      copy_plain_to(at);
      escape_code_point(out, code);
      plain = at += length;
    } else {
      at += length;
    }
  }
  copy_plain_to(text.size());
  return out;
}

}  // namespace dockcis::report
