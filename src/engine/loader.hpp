// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/check.hpp"
#include "model/profile.hpp"

namespace dockcis::engine {

/// One problem in a check or profile file, located by file and JSON pointer.
struct Diagnostic {
  std::string file;
  std::string pointer;
  std::string message;
  std::string hint;  ///< "did you mean ..." when a close name exists
  [[nodiscard]] std::string to_string() const;
};

/// Every check and profile, validated together.
struct Catalogue {
  std::map<std::string, model::Check> checks;  ///< by key
  std::vector<model::Profile> profiles;        ///< sorted by benchmark version
  std::string digest;                          ///< SHA-256 over the files read
  [[nodiscard]] const model::Profile* find_profile(std::string_view id) const;
};

struct LoadResult {
  Catalogue catalogue;
  std::vector<Diagnostic> diagnostics;  ///< empty when everything is valid
};

/// Reads checks/*.json and profiles/*.json and reports every problem at once.
LoadResult load_catalogue(const std::filesystem::path& checks_dir, const std::filesystem::path& profiles_dir);

/// The same from in-memory texts ({file name, contents}), for tests.
LoadResult load_catalogue_from(const std::vector<std::pair<std::string, std::string>>& check_files,
                               const std::vector<std::pair<std::string, std::string>>& profile_files);

/// Fact names a check may read (prefixes ending in ':' take an argument).
const std::vector<std::string>& known_fact_names();

}  // namespace dockcis::engine
