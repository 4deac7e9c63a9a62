// SPDX-License-Identifier: Apache-2.0
#include "cli/site_files.hpp"

#include "util/input_file.hpp"

namespace dockcis::cli {
namespace {

// Tailoring and waiver files are written by hand: a few hundred kilobytes at most.
constexpr std::size_t kMaxSiteFile = 16 * 1024 * 1024;

}  // namespace

std::expected<engine::Tailoring, Failure> read_tailoring(const std::string& path) {
  if (path.empty()) return engine::Tailoring{};
  const auto document = util::read_json_file(path, "tailoring file", kMaxSiteFile);
  if (!document) return std::unexpected(Failure{kUsageError, document.error()});
  auto tailoring = engine::parse_tailoring(*document, path);
  if (!tailoring) return std::unexpected(Failure{kUsageError, engine::describe(tailoring.error(), "the tailoring file")});
  return std::move(*tailoring);
}

std::expected<std::vector<engine::Waiver>, Failure> read_waivers(const std::string& path, bool allow_permanent) {
  if (path.empty()) return std::vector<engine::Waiver>{};
  const auto document = util::read_json_file(path, "waivers file", kMaxSiteFile);
  if (!document) return std::unexpected(Failure{kUsageError, document.error()});
  auto waivers = engine::parse_waivers(*document, path, allow_permanent);
  if (!waivers) return std::unexpected(Failure{kUsageError, engine::describe(waivers.error(), "the waivers file")});
  return std::move(*waivers);
}

std::expected<engine::AuditSettings, Failure> audit_settings_of(const SelectionOptions& selection, const SiteOptions& site,
                                                               std::string run_id) {
  auto tailoring = read_tailoring(site.tailoring_file);
  if (!tailoring) return std::unexpected(tailoring.error());
  auto waivers = read_waivers(site.waivers_file, site.allow_permanent_waivers);
  if (!waivers) return std::unexpected(waivers.error());
  engine::AuditSettings settings;
  settings.profile = selection.profile;
  if (selection.level != 0) settings.level = selection.level;
  settings.only = selection.only;
  settings.skip = selection.skip;
  settings.params = site.params;
  settings.tailoring = std::move(*tailoring);
  settings.waivers = std::move(*waivers);
  settings.running_only = site.running_only;
  settings.run_id = std::move(run_id);
  return settings;
}

}  // namespace dockcis::cli
