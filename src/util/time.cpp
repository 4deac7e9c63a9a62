// SPDX-License-Identifier: Apache-2.0
#include "util/time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace dockcis::util {
namespace {
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years RFC 3339 writes.
constexpr std::int64_t kFirstSecond = -62167219200;
constexpr std::int64_t kLastSecond = 253402300799;

// Years below 1000 keep their four digits, which strftime's %Y does not.
std::string rfc3339_text(std::time_t seconds) {
  std::tm parts{};
  if (gmtime_r(&seconds, &parts) == nullptr) return {};
  char buffer[32];
  const int length = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900,
                                   parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
  if (length <= 0 || static_cast<std::size_t>(length) >= sizeof buffer) return {};
  return std::string(buffer, static_cast<std::size_t>(length));
}
bool digits_at(std::string_view text, std::size_t at, std::size_t count, int low, int high) {
  if (at + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return value >= low && value <= high;
}
}  // namespace

bool is_calendar_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits_at(text, 0, 4, 0, 9999) || !digits_at(text, 5, 2, 1, 12) ||
      !digits_at(text, 8, 2, 1, 31)) {
    return false;
  }
  const auto number = [&](std::size_t at, std::size_t size) {
    int value = 0;
    for (const char c : text.substr(at, size)) value = value * 10 + (c - '0');
    return value;
  };
  const std::chrono::year_month_day day{std::chrono::year(number(0, 4)), std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                        std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  return day.ok();
}

bool is_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, leap second allowed, as RFC 3339 section 5.6 has it.
  if (!digits_at(text, 0, 4, 0, 9999) || !digits_at(text, 5, 2, 1, 12) || !digits_at(text, 8, 2, 1, 31) ||
      !digits_at(text, 11, 2, 0, 23) || !digits_at(text, 14, 2, 0, 59) || !digits_at(text, 17, 2, 0, 60) ||
      text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return false;
  }
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    const auto digits = text.find_first_not_of("0123456789", at + 1);
    const auto end = digits == std::string_view::npos ? text.size() : digits;
    if (end == at + 1) return false;
    at = end;
  }
  const auto zone = text.substr(at);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits_at(zone, 1, 2, 0, 23) && zone[3] == ':' &&
         digits_at(zone, 4, 2, 0, 59);
}

std::string rfc3339(std::chrono::system_clock::time_point when) { return rfc3339_text(std::chrono::system_clock::to_time_t(when)); }
std::string rfc3339_of_seconds(std::int64_t seconds) {
  if (seconds < kFirstSecond || seconds > kLastSecond) return {};
  return rfc3339_text(static_cast<std::time_t>(seconds));
}
// RFC 3339's form without its separators: "2026-11-23T12:00:00Z" -> "20261123T120000Z".
std::string file_stamp(std::chrono::system_clock::time_point when) {
  auto stamp = rfc3339(when);
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  return stamp;
}

}  // namespace dockcis::util
