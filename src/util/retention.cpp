// SPDX-License-Identifier: Apache-2.0
#include "util/retention.hpp"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace dockcis::util {
namespace {

// A report directory holds a few files per night; far more means something
// else lives there, and dockcis stops reading rather than walk it all.
constexpr std::size_t kMaxEntries = 100000;

// "dockcis-20261123T120000Z.json" -> "20261123T120000Z" (file_stamp's form).
std::optional<std::string> stamp_of(std::string_view name) {
  constexpr std::string_view kPrefix = "dockcis-";
  constexpr std::size_t kStampLength = 16;
  if (!name.starts_with(kPrefix) || name.size() < kPrefix.size() + kStampLength + 2) return std::nullopt;
  const auto stamp = name.substr(kPrefix.size(), kStampLength);
  for (std::size_t i = 0; i < kStampLength; ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(stamp[i])) != 0;
    if ((i == 8 && stamp[i] != 'T') || (i == 15 && stamp[i] != 'Z') || (i != 8 && i != 15 && !digit)) return std::nullopt;
  }
  if (name[kPrefix.size() + kStampLength] != '.') return std::nullopt;
  return std::string(stamp);
}

}  // namespace

std::expected<std::size_t, std::string> prune_report_sets(const std::filesystem::path& dir, std::size_t keep) {
  namespace fs = std::filesystem;
  std::map<std::string, std::vector<fs::path>> sets;  // stamp -> its files, oldest stamp first
  std::set<std::string> linked;
  std::error_code error;
  std::size_t seen = 0;
  // increment(error), not a range for: a failing step must not throw.
  for (fs::directory_iterator entry(dir, error), end; !error && entry != end; entry.increment(error)) {
    if (++seen > kMaxEntries) return std::unexpected(dir.string() + " holds more than 100000 entries; --keep removed nothing");
    const auto name = entry->path().filename().string();
    std::error_code entry_error;
    const auto status = entry->symlink_status(entry_error);
    if (entry_error) continue;
    if (name.starts_with("latest.") && fs::is_symlink(status)) {
      const auto target = fs::read_symlink(entry->path(), entry_error);
      if (const auto stamp = stamp_of(target.filename().string()); stamp && !entry_error) linked.insert(*stamp);
    } else if (const auto stamp = stamp_of(name); stamp && fs::is_regular_file(status)) {
      sets[*stamp].push_back(entry->path());
    }
  }
  if (error) return std::unexpected("cannot list " + dir.string() + " for --keep: " + error.message());
  // Only the sets older than the newest `keep` are candidates; a linked one stays.
  std::size_t removed = 0;
  std::size_t candidates = sets.size() > keep ? sets.size() - keep : 0;
  for (auto set = sets.begin(); candidates > 0; ++set, --candidates) {
    if (linked.contains(set->first)) continue;
    for (const auto& file : set->second) {
      if (!fs::remove(file, error) && error) {
        return std::unexpected("--keep: cannot remove " + file.string() + ": " + error.message());
      }
    }
    ++removed;
  }
  return removed;
}

}  // namespace dockcis::util
