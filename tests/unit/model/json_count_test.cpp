// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "util/json_count.hpp"

using dockcis::util::count_array_entries;
using dockcis::util::JsonLimits;

TEST_CASE("a list's entries are counted without building it") {
  CHECK(count_array_entries("[]") == 0u);
  CHECK(count_array_entries(R"([{"Id": "a", "Names": ["/x"], "Labels": {"k": [1, 2, {"d": []}]}}, {"Id": "b"}])") == 2u);
  CHECK(count_array_entries("[1, \"two\", null, true, 2.5, [3], {}]") == 7u);
  // Bytes that are not UTF-8 are read as parse_json() reads them.
  CHECK(count_array_entries("[\"caf\xe9\", \"ma\xefs\"]") == 2u);

  std::string many = "[";
  for (int i = 0; i < 100000; ++i) many += i == 0 ? "{\"Id\": \"x\"}" : ",{\"Id\": \"x\"}";
  CHECK(count_array_entries(many + "]") == 100000u);
}

TEST_CASE("what is not a list within the limits is not counted") {
  CHECK_FALSE(count_array_entries("{\"Id\": \"a\"}").has_value());
  CHECK_FALSE(count_array_entries("42").has_value());
  CHECK_FALSE(count_array_entries("[1, 2").has_value());
  CHECK_FALSE(count_array_entries("[1] [2]").has_value());
  CHECK_FALSE(count_array_entries("").has_value());
  // 10,000 levels: refused at the depth limit, without recursion.
  CHECK_FALSE(count_array_entries(std::string(10000, '[') + std::string(10000, ']')).has_value());
  JsonLimits small;
  small.max_string = 4;
  CHECK(count_array_entries(R"(["abcd"])", small) == 1u);
  CHECK_FALSE(count_array_entries(R"(["abcde"])", small).has_value());
  CHECK_FALSE(count_array_entries(R"([{"abcde": 1}])", small).has_value());
}
