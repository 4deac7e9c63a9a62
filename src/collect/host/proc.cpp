// SPDX-License-Identifier: Apache-2.0
#include "collect/host/proc.hpp"

#include <algorithm>
#include <charconv>

#include "util/strings.hpp"

namespace dockcis::collect {

bool all_digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<long> list_pids(const HostRoot& root) {
  std::vector<long> pids;
  // Above the kernel's own bound on processes (PID_MAX_LIMIT, 4,194,304), so never reached on a real /proc.
  constexpr std::size_t kMaxProcEntries = 4'194'304 + 4096;
  const auto entries = root.list_dir("/proc", kMaxProcEntries);
  if (!entries) return pids;
  for (const auto& entry : *entries) {
    long pid = 0;
    const auto* end = entry.data() + entry.size();
    if (all_digits(entry) && std::from_chars(entry.data(), end, pid).ptr == end) pids.push_back(pid);
  }
  std::ranges::sort(pids);
  return pids;
}

std::string status_field(std::string_view status, std::string_view name) {
  for (const auto& line : util::split(status, '\n')) {
    if (line.starts_with(name)) return util::trim(std::string_view(line).substr(name.size()));
  }
  return {};
}

std::optional<long> status_uid(std::string_view status) {
  const auto fields = util::split_words(status_field(status, "Uid:"));
  if (fields.empty() || !all_digits(fields[0])) return std::nullopt;
  long uid = 0;
  const auto* end = fields[0].data() + fields[0].size();
  if (std::from_chars(fields[0].data(), end, uid).ptr != end) return std::nullopt;
  return uid;
}

std::vector<std::string> split_nul(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == '\0') parts.push_back(std::move(current)), current.clear();
    else current += c;
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

}  // namespace dockcis::collect
