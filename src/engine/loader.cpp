// SPDX-License-Identifier: Apache-2.0
#include "engine/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/check_parser.hpp"
#include "engine/data_file.hpp"
#include "engine/profile_parser.hpp"
#include "util/sha256.hpp"
#include "util/version.hpp"

namespace dockcis::engine {
namespace {

// A check's parameters must be declared by every profile that lists it.
void check_parameters(const Catalogue& catalogue, const std::map<std::string, CheckOrigin>& origins, Diagnostics& out) {
  for (const auto& profile : catalogue.profiles) {
    for (const auto& recommendation : profile.recommendations) {
      const auto origin = origins.find(recommendation.key);
      if (origin == origins.end()) continue;
      for (const auto& param : origin->second.params_used) {
        if (param.starts_with("data:")) {
          if (!catalogue.data.contains(param.substr(5))) {
            out.push_back({origin->second.file, origin->second.pointer,
                           "check '" + recommendation.key + "' reads data '" + param.substr(5) + "', which no data file defines", {}});
          }
          continue;
        }
        if (!profile.parameters.contains(param)) {
          out.push_back({profile.file, "/parameters",
                         "check '" + recommendation.key + "' (" + origin->second.file + ") uses parameter '" + param +
                             "' which this profile does not declare",
                         {}});
        }
      }
    }
  }
}

// File names, not paths: the digest identifies the catalogue wherever it is installed.
std::string digest_of(const std::vector<SourceFile>& check_files, const std::vector<SourceFile>& profile_files) {
  std::string all;
  for (const auto* files : {&check_files, &profile_files}) {
    for (const auto& [file, text] : *files) all += std::filesystem::path(file).filename().string() + '\0' + text + '\0';
  }
  return "sha256:" + util::sha256_hex(all);
}

}  // namespace

const model::Profile* Catalogue::find_profile(std::string_view id) const {
  const auto found = std::ranges::find(profiles, id, &model::Profile::id);
  return found == profiles.end() ? nullptr : &*found;
}

LoadResult load_catalogue_from(const std::vector<SourceFile>& check_files, const std::vector<SourceFile>& profile_files) {
  LoadResult result;
  std::map<std::string, CheckOrigin> origins;
  for (const auto& [file, text] : check_files) {
    DocumentReader reader(file, result.diagnostics);
    const auto document = reader.parse(text);
    if (!document) continue;
    if (is_data_file(*document)) {
      parse_data_file(reader, *document, result.catalogue.data);
      continue;
    }
    parse_checks_file(reader, *document, result.catalogue.checks, origins);
  }
  for (const auto& [file, text] : profile_files) {
    DocumentReader reader(file, result.diagnostics);
    if (auto profile = parse_profile_file(reader, text, result.catalogue.checks)) result.catalogue.profiles.push_back(std::move(*profile));
  }
  check_parameters(result.catalogue, origins, result.diagnostics);
  std::set<std::string> ids;
  for (const auto& profile : result.catalogue.profiles) {
    if (!ids.insert(profile.id).second) result.diagnostics.push_back({profile.file, "/id", "duplicate profile id '" + profile.id + "'", {}});
  }
  // As numbers part by part: CIS Docker 1.10.0 comes after 1.8.0, and so is
  // the default profile of an engine both allow and the newest's titles.
  std::ranges::sort(result.catalogue.profiles, [](const model::Profile& a, const model::Profile& b) {
    const int order = util::compare_versions(a.benchmark_version, b.benchmark_version);
    return order != 0 ? order < 0 : a.id < b.id;
  });
  result.catalogue.digest = digest_of(check_files, profile_files);
  return result;
}

}  // namespace dockcis::engine
