// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace dockcis::util {

/// RFC 3339 UTC timestamp, second precision: "2026-11-23T12:00:00Z".
std::string rfc3339(std::chrono::system_clock::time_point when);
/// Whether `text` is an RFC 3339 date-time ("2026-11-23T12:00:00Z", with
/// optional fractional seconds and a Z or a numeric offset), as far as its
/// shape and its fields' ranges go.
bool is_rfc3339(std::string_view text);
/// Compact UTC stamp for file names: "20261123T120000Z".
std::string file_stamp(std::chrono::system_clock::time_point when);

}  // namespace dockcis::util
