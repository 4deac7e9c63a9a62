// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "cli/failed_run.hpp"

using namespace dockcis;

TEST_CASE("run ids: lower-case version 4 UUIDs that do not repeat") {
  std::set<std::string> seen;
  // With one 32-bit draw behind each id, 200,000 ids repeat with a
  // probability of 99 %; with 122 random bits, never in practice.
  for (int i = 0; i < 200000; ++i) {
    const auto id = cli::random_run_id();
    REQUIRE(id.size() == 36);
    for (std::size_t at = 0; at < id.size(); ++at) {
      if (at == 8 || at == 13 || at == 18 || at == 23) {
        REQUIRE(id[at] == '-');
      } else {
        REQUIRE(((id[at] >= '0' && id[at] <= '9') || (id[at] >= 'a' && id[at] <= 'f')));
      }
    }
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    REQUIRE(seen.insert(id).second);
  }
}
