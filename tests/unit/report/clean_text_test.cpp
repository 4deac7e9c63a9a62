// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "report/clean_text.hpp"

using dockcis::report::clean_text;
using dockcis::report::is_clean_text;

TEST_CASE("clean_text: shows what could drive a terminal or break XML, keeps the rest") {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"plain ascii <&>\"'", "plain ascii <&>\"'"},
      {"caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3"},  // é ✓ 🐳 stay
      {"a\x1b[2Jb", "a\\x1b[2Jb"},
      {"tab\tline\nend", "tab\\x09line\\x0aend"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      {"del\x7f", "del\\x7f"},
      {"c1 \xc2\x9b" "31m", "c1 \\u009b31m"},        // CSI as a C1 code point
      {"rtl \xe2\x80\xae" "txt", "rtl \\u202etxt"},  // right-to-left override
      {"isolate \xe2\x81\xa6x", "isolate \\u2066x"},
      {"nonchar \xef\xbf\xbe", "nonchar \\ufffe"},
      {"line\xe2\x80\xa8" "sep\xe2\x80\xa9" "par", "line\\u2028sep\\u2029par"},  // breaks where no newline is seen
      {"\xef\xbb\xbf" "bom", "\\ufeffbom"},                                    // zero-width no-break space
      {"stray \xff byte", "stray \\xff byte"},
      {"cut \xe2\x9c", "cut \\xe2\\x9c"},  // truncated sequence
      {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
      {"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
  };
  for (const auto& [input, expected] : cases) CHECK(clean_text(input) == expected);
}

TEST_CASE("clean_text: keep_lines keeps newlines and tabs only") {
  CHECK(clean_text("a\tb\nc\rd\x1b", true) == "a\tb\nc\\x0dd\\x1b");
}

TEST_CASE("clean_text: each byte it rewrites, at every place in an eight-byte word") {
  // Printable ASCII is passed eight bytes at a time; whatever stops that is
  // rewritten (or kept) exactly as a lone byte would be.
  struct Case {
    std::string bytes;
    std::string shown;
    std::string shown_keeping_lines;
  };
  const Case cases[] = {
      {"\x1b", "\\x1b", "\\x1b"}, {"\n", "\\x0a", "\n"},     {"\t", "\\x09", "\t"},
      {"\x7f", "\\x7f", "\\x7f"}, {"\xff", "\\xff", "\\xff"}, {"\xc3\xa9", "\xc3\xa9", "\xc3\xa9"},
      {"\xe2\x80\xae", "\\u202e", "\\u202e"},
  };
  for (const auto& [bytes, shown, kept] : cases) {
    for (std::size_t length = 1; length <= 19; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        CAPTURE(length);
        CAPTURE(at);
        const auto around = [&](const std::string& middle) { return std::string(at, 'a') + middle + std::string(length - at, 'b'); };
        CHECK(clean_text(around(bytes)) == around(shown));
        CHECK(clean_text(around(bytes), true) == around(kept));
      }
    }
  }
}

TEST_CASE("clean text: is_clean_text says when cleaning gives the text back, wherever the byte stands") {
  const std::string bytes[] = {"\x1b", "\n", "\t", "\r", "\x7f", "\xff", "\xc3\xa9", "\xe2\x80\xae", "\x01"};
  for (const auto& byte : bytes) {
    for (std::size_t length = 1; length <= 19; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        CAPTURE(length);
        CAPTURE(at);
        const auto text = std::string(at, 'a') + byte + std::string(length - at, 'b');
        for (const bool keep_lines : {false, true}) {
          // Never "clean" where cleaning would change the text; UTF-8 goes the long way even when it is kept.
          if (is_clean_text(text, keep_lines)) CHECK(clean_text(text, keep_lines) == text);
          CHECK(is_clean_text(text, keep_lines) == (keep_lines && (byte == "\n" || byte == "\t")));
        }
      }
    }
  }
  CHECK(is_clean_text(std::string(40, 'x') + " <&>\"'~"));
  CHECK(is_clean_text(""));
}
