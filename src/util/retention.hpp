// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>

namespace dockcis::util {

/// Retention for --output-dir: a report set is the dockcis-<stamp>.<ext> files
/// of one run (util::StampedFile). Removes the oldest sets so that the `keep`
/// newest remain, and never a set a latest.<ext> link points at. Other files,
/// links and directories are left alone. Returns how many sets were removed.
std::expected<std::size_t, std::string> prune_report_sets(const std::filesystem::path& dir, std::size_t keep);

}  // namespace dockcis::util
