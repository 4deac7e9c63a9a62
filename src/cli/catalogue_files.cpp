// SPDX-License-Identifier: Apache-2.0
#include "cli/catalogue_files.hpp"

#include <algorithm>
#include <filesystem>

#include "cli/data_dirs.hpp"
#include "util/input_file.hpp"

namespace dockcis::cli {
namespace {

// A check or profile file is a few hundred kilobytes at most.
constexpr std::size_t kMaxCatalogueFile = 8 * 1024 * 1024;
constexpr std::size_t kMaxCatalogueFiles = 1000;

std::vector<engine::SourceFile> read_json_files(const std::filesystem::path& dir, engine::Diagnostics& out) {
  std::vector<engine::SourceFile> files;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    out.push_back({dir.string(), "", "not a directory (use --checks-dir/--profiles-dir)", {}});
    return files;
  }
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".json") paths.push_back(it->path());
    if (paths.size() > kMaxCatalogueFiles) break;
  }
  if (paths.size() > kMaxCatalogueFiles) {
    out.push_back({dir.string(), "", "more than " + std::to_string(kMaxCatalogueFiles) + " files", {}});
    return files;
  }
  std::ranges::sort(paths);
  for (const auto& path : paths) {
    auto text = util::read_input_file(path.string(), kMaxCatalogueFile);
    if (!text) {
      out.push_back({path.string(), "", text.error(), {}});
      continue;
    }
    files.emplace_back(path.string(), std::move(*text));
  }
  return files;
}

}  // namespace

std::expected<engine::Catalogue, Failure> load_catalogue(const CatalogueOptions& options) {
  const auto dirs = find_data_dirs(options);
  engine::Diagnostics unreadable;
  const auto check_files = read_json_files(dirs.checks, unreadable);
  const auto profile_files = read_json_files(dirs.profiles, unreadable);
  auto loaded = engine::load_catalogue_from(check_files, profile_files);
  loaded.diagnostics.insert(loaded.diagnostics.begin(), unreadable.begin(), unreadable.end());
  if (!loaded.diagnostics.empty()) {
    return std::unexpected(Failure{kUsageError, engine::describe(loaded.diagnostics, "the check and profile files")});
  }
  if (loaded.catalogue.profiles.empty()) {
    return std::unexpected(Failure{kUsageError, "no profiles found in " + dirs.profiles.string()});
  }
  return std::move(loaded.catalogue);
}

}  // namespace dockcis::cli
