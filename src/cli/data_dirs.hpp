// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>

#include "cli/common_options.hpp"

namespace dockcis::cli {

struct DataDirs {
  std::filesystem::path checks;
  std::filesystem::path profiles;
};

/// --checks-dir/--profiles-dir win; a binary run from the build tree uses the
/// source tree's checks/ and profiles/; an installed one the data directory.
DataDirs find_data_dirs(const CatalogueOptions& options);

}  // namespace dockcis::cli
