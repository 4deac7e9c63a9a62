// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "cli/watch_loop.hpp"

using dockcis::cli::kLongestPeriod;
using dockcis::cli::parse_period;

TEST_CASE("watch periods: s, m, h and d up to 3650 days, each unit at its bound; nothing longer or unreadable") {
  CHECK(parse_period("0") == std::chrono::seconds(0));
  CHECK(parse_period("90s") == std::chrono::seconds(90));
  CHECK(parse_period("30m") == std::chrono::minutes(30));
  CHECK(parse_period("24h") == std::chrono::hours(24));
  CHECK(parse_period("2d") == std::chrono::hours(48));
  CHECK(kLongestPeriod == std::chrono::hours(24 * 3650));
  // The longest each unit can say, then one more: the clock they are added to counts 64-bit nanoseconds.
  for (const auto& [longest, past] : {std::pair{"315360000s", "315360001s"}, {"5256000m", "5256001m"}, {"87600h", "87601h"},
                                      {"3650d", "3651d"}}) {
    CAPTURE(longest);
    CHECK(parse_period(longest) == kLongestPeriod);
    CHECK_FALSE(parse_period(past).has_value());
  }
  for (const char* odd : {"", "5", "s", "5x", "-5s", "5 s", "1.5h", "99999999999d", "999999999999d", "0s5"}) {
    CAPTURE(odd);
    CHECK_FALSE(parse_period(odd).has_value());
  }
}
