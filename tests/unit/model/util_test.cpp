// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "util/sha256.hpp"
#include "util/strings.hpp"
#include "util/suggest.hpp"

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

TEST_CASE("did you mean") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(closest_match("eqq", {"eq", "ne", "in"}) == "eq");
  CHECK(closest_match("engine.inof", {"engine.info", "engine.version"}) == "engine.info");
  CHECK(closest_match("zzzzzz", {"eq", "ne"}).empty());
}

TEST_CASE("sha256") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
