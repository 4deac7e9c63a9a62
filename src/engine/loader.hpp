// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/diagnostics.hpp"
#include "model/check.hpp"
#include "model/profile.hpp"

namespace dockcis::engine {

/// Every check and profile, validated together.
struct Catalogue {
  std::map<std::string, model::Check> checks;  ///< by key
  std::vector<model::Profile> profiles;        ///< sorted by benchmark version
  std::string digest;                          ///< SHA-256 over the files read
  std::map<std::string, model::json> data;     ///< data documents by name (checks/*.json, schema dockcis.data/v1)
  [[nodiscard]] const model::Profile* find_profile(std::string_view id) const;
};

struct LoadResult {
  Catalogue catalogue;
  Diagnostics diagnostics;  ///< empty when everything is valid
};

/// A file's name and its contents.
using SourceFile = std::pair<std::string, std::string>;

/// Validates check files (dockcis.checks/v1) and profiles (dockcis.profile/v1)
/// together and reports every problem at once.
LoadResult load_catalogue_from(const std::vector<SourceFile>& check_files, const std::vector<SourceFile>& profile_files);

}  // namespace dockcis::engine
