// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <string>

namespace dockcis::util {

/// RFC 3339 UTC timestamp, second precision: "2026-11-23T12:00:00Z".
std::string rfc3339(std::chrono::system_clock::time_point when);
/// Compact UTC stamp for file names: "20261123T120000Z".
std::string file_stamp(std::chrono::system_clock::time_point when);

}  // namespace dockcis::util
