// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "util/json_access.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"
#include "util/suggest.hpp"
#include "util/time.hpp"
#include "util/json_pointer.hpp"
#include "util/utf8.hpp"
#include "util/version.hpp"
#include "util/word_scan.hpp"

using namespace dockcis::util;

TEST_CASE("strings") {
  CHECK(split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(split_words("  --icc=false \t --live-restore ") == std::vector<std::string>{"--icc=false", "--live-restore"});
  CHECK(trim("  x y \n") == "x y");
  CHECK(octal_mode(0644) == "644");
  CHECK(octal_mode(04755) == "4755");
  CHECK(octal_mode(0) == "000");
  CHECK(fixed(66.666, 1) == "66.7");
  CHECK(printable("web\x1b[31m\n") == "web\\x1b[31m\\x0a");
}

TEST_CASE("compare_versions: part by part, any number of digits, suffixes ignored") {
  using dockcis::util::compare_versions;
  CHECK(compare_versions("20.10.24", "20.10.5") > 0);
  CHECK(compare_versions("1.9", "1.24") < 0);
  CHECK(compare_versions("20.10.24+dfsg1", "20.10.24") == 0);
  CHECK(compare_versions("24.0.7-1~deb12u1", "24.0.8") < 0);
  CHECK(compare_versions("1.40", "1.40.0") == 0);
  CHECK(compare_versions("01.040", "1.40") == 0);
  CHECK(compare_versions("", "0") == 0);
  CHECK(compare_versions("", "0.0.1") < 0);
  CHECK(compare_versions("1..2", "1.0.2") == 0);
  // More digits than any integer holds: still in order, no overflow.
  CHECK(compare_versions("99999999999999999999999.1", "99999999999999999999998.9") > 0);
  CHECK(compare_versions("1.1111111111", "1.47") > 0);
  CHECK(compare_versions("1.000000000000000000000000000047", "1.47") == 0);
}

TEST_CASE("compare_natural: runs of digits as numbers, the rest byte by byte, a total order") {
  using dockcis::util::compare_natural;
  CHECK(compare_natural("cis-docker-1.10.0", "cis-docker-1.8.0") > 0);
  CHECK(compare_natural("cis-docker-1.8.0", "cis-docker-1.8.0") == 0);
  CHECK(compare_natural("cis-docker-1.8.0", "cis-docker-1.8.0-site") < 0);
  CHECK(compare_natural("a9", "b1") < 0);
  CHECK(compare_natural("x99999999999999999999999", "x99999999999999999999998") > 0);
  // Equal as numbers, then in byte order: never 0 for two different texts.
  CHECK(compare_natural("1.08", "1.8") < 0);
  CHECK(compare_natural("1.8", "1.08") > 0);
  CHECK(compare_natural("", "") == 0);
  CHECK(compare_natural("", "0") < 0);
}

TEST_CASE("did you mean") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(closest_match("eqq", {"eq", "ne", "in"}) == "eq");
  CHECK(closest_match("engine.inof", {"engine.info", "engine.version"}) == "engine.info");
  CHECK(closest_match("zzzzzz", {"eq", "ne"}).empty());
  // A candidate whose length alone puts it out of reach is skipped; the
  // nearest of the rest is still found.
  CHECK(closest_match("engine.inof", {"engine.information.x", "engine.version", "engine.info"}) == "engine.info");
  CHECK(closest_match(std::string(100000, 'e'), {"eq", "engine.info"}).empty());
}

TEST_CASE("sha256") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("utf8: well-formed sequences anywhere among runs of ASCII") {
  using dockcis::util::is_valid_utf8;
  using dockcis::util::valid_utf8;
  const std::string ascii = "0123456789abcdef0123";  // longer than the eight bytes read at once
  for (const std::string sequence : {"\xc3\xa9", "\xe2\x80\xae", "\xf0\x9f\x90\xb3", "\xf4\x8f\xbf\xbf"}) {
    for (std::size_t at = 0; at <= ascii.size(); ++at) {
      auto text = ascii;
      text.insert(at, sequence);
      CHECK(is_valid_utf8(text));
      CHECK(valid_utf8(text) == text);
    }
  }
  // Stray, truncated, overlong, surrogate and out-of-range forms, at every offset of a window.
  for (const std::string bad : {"\xff", "\x80", "\xc3", "\xe2\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80"}) {
    for (std::size_t at = 0; at <= ascii.size(); ++at) {
      auto text = ascii;
      text.insert(at, bad);
      CHECK_FALSE(is_valid_utf8(text));
      CHECK(is_valid_utf8(valid_utf8(text)));
    }
  }
  CHECK(is_valid_utf8(""));
  CHECK(valid_utf8("a\xff" "b") == "a\xef\xbf\xbd" "b");
  // Each bad byte is one U+FFFD; the well-formed runs between them, long or
  // short, ASCII or not, are kept as they are.
  const std::string fffd = "\xef\xbf\xbd";
  CHECK(valid_utf8("\xff\xfe") == fffd + fffd);
  CHECK(valid_utf8("\xe2\x80") == fffd + fffd);
  CHECK(valid_utf8(ascii + "\xc3" + ascii + "\xc3\xa9\x80" + ascii + "\xf0\x9f\x90") ==
        ascii + fffd + ascii + "\xc3\xa9" + fffd + ascii + fffd + fffd + fffd);
}

TEST_CASE("is_rfc3339: date-times as RFC 3339 writes them, nothing else") {
  using dockcis::util::is_rfc3339;
  for (const char* time : {"2026-11-23T12:00:00Z", "2026-11-23t12:00:00z", "2026-11-23T12:00:00.125Z", "2026-11-23T23:59:60+01:00",
                           "0001-01-01T00:00:00-12:30"}) {
    CAPTURE(time);
    CHECK(is_rfc3339(time));
  }
  for (const char* odd : {"", "2026-11-23", "2026-11-23T12:00:00", "2026-11-23 12:00:00Z", "2026-00-23T12:00:00Z", "2026-11-32T12:00:00Z",
                          "2026-11-23T24:00:00Z", "2026-11-23T12:00:00.Z", "2026-11-23T12:00:00+0100", "2026-1\x01-23T12:00:00Z",
                          "2026-11-23T12:00:00Zjunk", "+026-11-23T12:00:00Z"}) {
    CAPTURE(odd);
    CHECK_FALSE(is_rfc3339(odd));
  }
}

TEST_CASE("rfc3339_of_seconds: any second of years 0 to 9999, past the clock's nanoseconds (2262); nothing outside") {
  using dockcis::util::rfc3339_of_seconds;
  CHECK(rfc3339_of_seconds(0) == "1970-01-01T00:00:00Z");
  CHECK(rfc3339_of_seconds(1700000000) == "2023-11-14T22:13:20Z");
  // A system_clock time_point of this second overflows (the render fuzzer's finding).
  CHECK(rfc3339_of_seconds(17954417541) == "2538-12-14T18:12:21Z");
  CHECK(rfc3339_of_seconds(253402300799) == "9999-12-31T23:59:59Z");
  CHECK(rfc3339_of_seconds(-62167219200) == "0000-01-01T00:00:00Z");
  CHECK(rfc3339_of_seconds(-1) == "1969-12-31T23:59:59Z");
  for (const std::int64_t outside : {std::int64_t{253402300800}, std::int64_t{-62167219201}, std::numeric_limits<std::int64_t>::max(),
                                     std::numeric_limits<std::int64_t>::min()}) {
    CAPTURE(outside);
    CHECK(rfc3339_of_seconds(outside).empty());
  }
  CHECK(dockcis::util::is_rfc3339(rfc3339_of_seconds(-62135596800)));  // 0001-01-01, four digits
}

TEST_CASE("rfc3339 and file_stamp: the clock's second, with and without separators") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)) + std::chrono::milliseconds(999);
  CHECK(dockcis::util::rfc3339(when) == "2023-11-14T22:13:20Z");
  CHECK(dockcis::util::file_stamp(when) == "20231114T221320Z");
}

TEST_CASE("shortened: whole characters up to the limit, then an ellipsis; short text as it is") {
  using dockcis::util::shortened;
  CHECK(shortened("", 0) == "");
  CHECK(shortened("abc", 3) == "abc");
  CHECK(shortened("abcd", 3) == "abc\xe2\x80\xa6");
  CHECK(shortened("abcd", 0) == "\xe2\x80\xa6");
  // A character is never split: "é" (two bytes) at bytes 2 and 3.
  CHECK(shortened("ab\xc3\xa9z", 3) == "ab\xe2\x80\xa6");
  CHECK(shortened("ab\xc3\xa9z", 4) == "ab\xc3\xa9\xe2\x80\xa6");
  CHECK(shortened("\xf0\x9f\x90\xb3\xf0\x9f\x90\xb3", 6) == "\xf0\x9f\x90\xb3\xe2\x80\xa6");
  CHECK(dockcis::util::is_valid_utf8(shortened(std::string(5000, 'x') + "\xe2\x80\xae", 5001)));
}

TEST_CASE("find_at: what nlohmann's contains() and at() find, in one walk") {
  using json = nlohmann::json;
  const auto document = json::parse(R"({"a": {"b": [10, {"c~d": 1, "e/f": 2, "": 3}], "n": null}, "list": [], "0": "zero",
                                        "x": {"01": "leading"}})");
  for (const std::string pointer : {"", "/a", "/a/b", "/a/b/0", "/a/b/1", "/a/b/1/c~0d", "/a/b/1/e~1f", "/a/b/1/", "/a/n", "/0",
                                    "/x/01", "/a/b/2", "/a/b/-", "/a/b/01", "/a/b/+1", "/a/b/1x", "/a/n/x", "/a/b/0/0", "/list/0",
                                    "/missing", "/a/missing/x", "/a/b/1/e/f"}) {
    const json::json_pointer parsed(pointer);
    const auto* found = dockcis::util::find_at(document, pointer);
    CHECK_MESSAGE((found != nullptr) == document.contains(parsed), pointer);
    if (found != nullptr) CHECK_MESSAGE(*found == document.at(parsed), pointer);
  }
  // Malformed pointers and indices past size_t find nothing instead of throwing.
  for (const std::string pointer : {"a", "/a/b/1/c~d", "/a/b/1/c~2d", "/a/b/1/c~", "/a/b/99999999999999999999999"}) {
    CHECK_MESSAGE(dockcis::util::find_at(document, pointer) == nullptr, pointer);
  }
}

TEST_CASE("blocked_at: a walk stopped by a value of another shape, not by a field left out") {
  using json = nlohmann::json;
  const auto document = json::parse(R"({"a": {"text": "x", "number": 7, "flag": true, "n": null, "list": [1, {"b": 2}]}})");
  struct Case {
    const char* pointer;
    const char* blocked;  // the prefix that names the blocking value; nullptr when nothing blocks
    bool index_next;
  };
  for (const auto& c : {Case{"/a/text/x", "/a/text", false}, Case{"/a/number/0", "/a/number", true}, Case{"/a/flag/x/y", "/a/flag", false},
                        Case{"/a/list/b", "/a/list", false}, Case{"/a/list/1/b/c", "/a/list/1/b", false},
                        Case{"/a/list/1/b", nullptr, false}, Case{"/a/missing/x", nullptr, false}, Case{"/a/list/9/b", nullptr, false},
                        Case{"/a/n/x", nullptr, false}, Case{"a/text/x", nullptr, false}, Case{"", nullptr, false}}) {
    const auto blocked = dockcis::util::blocked_at(document, c.pointer);
    REQUIRE_MESSAGE(blocked.has_value() == (c.blocked != nullptr), c.pointer);
    if (!blocked) continue;
    CHECK_MESSAGE(blocked->pointer == c.blocked, c.pointer);
    CHECK_MESSAGE(blocked->value == dockcis::util::find_at(document, c.blocked), c.pointer);
    CHECK_MESSAGE(blocked->index_next == c.index_next, c.pointer);
  }
  // A null blocks only where its writer never writes one; so does a null document.
  REQUIRE(dockcis::util::blocked_at(document, "/a/n/x", true).has_value());
  CHECK(dockcis::util::blocked_at(document, "/a/n/x", true)->pointer == "/a/n");
  REQUIRE(dockcis::util::blocked_at(json(), "/options/x", true).has_value());
  CHECK(dockcis::util::blocked_at(json(), "/options/x", true)->pointer.empty());
  CHECK_FALSE(dockcis::util::blocked_at(json(), "/options/x").has_value());
}

TEST_CASE("get_or: a string member as a view into the document; anything else the fallback") {
  const nlohmann::json entry = {{"Image", "nginx:1"}, {"Id", 7}};
  CHECK(dockcis::util::get_or(entry, "Image", std::string_view()) == "nginx:1");
  CHECK(dockcis::util::get_or(entry, "Image", std::string_view()).data() == entry["Image"].get_ref<const std::string&>().data());
  CHECK(dockcis::util::get_or(entry, "Id", std::string_view("none")) == "none");
  CHECK(dockcis::util::get_or(entry, "Absent", std::string_view("none")) == "none");
  CHECK(dockcis::util::get_or(nlohmann::json::array({"x"}), "Image", std::string_view("none")) == "none");
}

TEST_CASE("get_or: an integer outside the type asked for is the fallback, never narrowed") {
  const nlohmann::json file = {{"uid", 4294967296ULL}, {"gid", -1}, {"big", 9223372036854775807LL}, {"mode", 420}};
  CHECK(dockcis::util::get_or(file, "uid", -1) == -1);
  CHECK(dockcis::util::get_or(file, "uid", -1L) == 4294967296L);
  CHECK(dockcis::util::get_or(file, "gid", 7U) == 7U);
  CHECK(dockcis::util::get_or(file, "gid", 7) == -1);
  CHECK(dockcis::util::get_or(file, "big", 0) == 0);
  CHECK(dockcis::util::get_or(file, "mode", 0) == 420);
  CHECK(dockcis::util::get_or(file, "mode", std::uint8_t{1}) == 1);
}

TEST_CASE("word tests: each byte value at each place of a word, alone and beside a second one") {
  using namespace dockcis::util::words;
  for (int place = 0; place < 8; ++place) {
    for (int value = 0; value < 256; ++value) {
      for (const char other : {'a', '\0', '"', '\xff'}) {
        char bytes[8] = {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'};
        bytes[(place + 3) % 8] = other;
        bytes[place] = static_cast<char>(value);
        const auto word = load(bytes);
        const auto any = [&](auto matches) { return std::any_of(bytes, bytes + 8, [&](char c) { return matches(static_cast<unsigned char>(c)); }); };
        CAPTURE(place);
        CAPTURE(value);
        CAPTURE(static_cast<int>(static_cast<unsigned char>(other)));
        CHECK(any_below(word, 0x20) == any([](unsigned char c) { return c < 0x20; }));
        CHECK(any_below(word, 0x80) == any([](unsigned char c) { return c < 0x80; }));
        CHECK(any_equal(word, '"') == any([](unsigned char c) { return c == '"'; }));
        CHECK(any_equal(word, 0x7f) == any([](unsigned char c) { return c == 0x7f; }));
        CHECK(any_high(word) == any([](unsigned char c) { return c >= 0x80; }));
      }
    }
  }
}
