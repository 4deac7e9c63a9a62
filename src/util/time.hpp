// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace dockcis::util {

/// RFC 3339 UTC timestamp, second precision: "2026-11-23T12:00:00Z".
std::string rfc3339(std::chrono::system_clock::time_point when);
/// The same for a count of seconds since the epoch, as documents and
/// databases give it. A time read from outside goes through this rather than
/// a system_clock time_point: the clock counts nanoseconds in 64 bits, so a
/// second after 2262 overflows on the way in. Years 0 to 9999 only; nothing
/// ("") outside them.
std::string rfc3339_of_seconds(std::int64_t seconds);
/// Whether `text` is an RFC 3339 date-time ("2026-11-23T12:00:00Z", with
/// optional fractional seconds and a Z or a numeric offset), as far as its
/// shape and its fields' ranges go.
bool is_rfc3339(std::string_view text);
/// Whether `text` is YYYY-MM-DD naming a day of the calendar (no February 30th).
bool is_calendar_day(std::string_view text);
/// Compact UTC stamp for file names: "20261123T120000Z".
std::string file_stamp(std::chrono::system_clock::time_point when);

}  // namespace dockcis::util
