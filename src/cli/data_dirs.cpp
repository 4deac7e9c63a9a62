// SPDX-License-Identifier: Apache-2.0
#include "cli/data_dirs.hpp"

#include "config.h"

namespace dockcis::cli {
namespace {

bool running_from_build_tree() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return false;
  const std::filesystem::path source(DOCKCIS_SOURCE_DIR);
  // A build directory sits inside the source tree (build/, build-*/) and has build.ninja.
  for (auto dir = self.parent_path(); dir.has_relative_path(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "build.ninja", error)) {
      return std::filesystem::exists(source / "checks", error);
    }
  }
  return false;
}

}  // namespace

DataDirs find_data_dirs(const CatalogueOptions& options) {
  const bool from_source = running_from_build_tree();
  const std::filesystem::path base = from_source ? std::filesystem::path(DOCKCIS_SOURCE_DIR) : std::filesystem::path(DOCKCIS_DATADIR);
  DataDirs dirs{base / "checks", base / "profiles"};
  if (!options.checks_dir.empty()) dirs.checks = options.checks_dir;
  if (!options.profiles_dir.empty()) dirs.profiles = options.profiles_dir;
  return dirs;
}

}  // namespace dockcis::cli
