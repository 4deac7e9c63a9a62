// SPDX-License-Identifier: Apache-2.0
#include "util/time.hpp"

#include <ctime>

namespace dockcis::util {
namespace {
std::string format_utc(std::chrono::system_clock::time_point when, const char* pattern) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  const auto length = std::strftime(buffer, sizeof buffer, pattern, &parts);
  return std::string(buffer, length);
}
}  // namespace

std::string rfc3339(std::chrono::system_clock::time_point when) { return format_utc(when, "%Y-%m-%dT%H:%M:%SZ"); }
std::string file_stamp(std::chrono::system_clock::time_point when) { return format_utc(when, "%Y%m%dT%H%M%SZ"); }

}  // namespace dockcis::util
