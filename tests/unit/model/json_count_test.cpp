// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "util/json_count.hpp"

using dockcis::util::count_array_entries;

TEST_CASE("a list's entries are counted without parsing it") {
  CHECK(count_array_entries("[]") == 0u);
  CHECK(count_array_entries(" [ ] \n") == 0u);
  CHECK(count_array_entries(R"([{"Id": "a", "Names": ["/x"], "Labels": {"k": [1, 2, {"d": []}]}}, {"Id": "b"}])") == 2u);
  CHECK(count_array_entries("[1, \"two\", null, true, 2.5, [3], {}]") == 7u);
  // Brackets, commas and escaped quotes inside strings are text.
  CHECK(count_array_entries(R"(["a,b", "c\"],[d", {"k": "[,{"}, "\\"])") == 4u);
  // Bytes that are not UTF-8 sit inside strings and change nothing.
  CHECK(count_array_entries("[\"caf\xe9\", \"ma\xefs\"]") == 2u);
  // 10,000 levels are one entry, counted without recursion (parse_json refuses the depth).
  CHECK(count_array_entries(std::string(10000, '[') + std::string(10000, ']')) == 1u);

  std::string many = "[";
  for (int i = 0; i < 100000; ++i) many += i == 0 ? "{\"Id\": \"x\"}" : ",{\"Id\": \"x\"}";
  CHECK(count_array_entries(many + "]") == 100000u);
}

TEST_CASE("what is not one list is not counted") {
  CHECK_FALSE(count_array_entries("{\"Id\": \"a\"}").has_value());
  CHECK_FALSE(count_array_entries("42").has_value());
  CHECK_FALSE(count_array_entries("").has_value());
  CHECK_FALSE(count_array_entries("   ").has_value());
  CHECK_FALSE(count_array_entries("[1, 2").has_value());
  CHECK_FALSE(count_array_entries("[\"open]").has_value());
  CHECK_FALSE(count_array_entries("[1] [2]").has_value());
  CHECK_FALSE(count_array_entries("[1]]").has_value());
}
