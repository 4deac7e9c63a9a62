// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <vector>

#include "cli/exit_codes.hpp"
#include "engine/audit.hpp"
#include "engine/tailoring.hpp"
#include "engine/waivers.hpp"

namespace dockcis::cli {

/// Reads and validates a tailoring file; "" gives an empty tailoring.
std::expected<engine::Tailoring, Failure> read_tailoring(const std::string& path);
/// Reads and validates a waivers file; "" gives no waivers.
std::expected<std::vector<engine::Waiver>, Failure> read_waivers(const std::string& path, bool allow_permanent);

/// The engine's settings from the options `audit` and `watch` share
/// (selection, parameters, tailoring and waiver files, running only).
template <typename Options>
std::expected<engine::AuditSettings, Failure> audit_settings_of(const Options& options, std::string run_id) {
  auto tailoring = read_tailoring(options.tailoring_file);
  if (!tailoring) return std::unexpected(tailoring.error());
  auto waivers = read_waivers(options.waivers_file, options.allow_permanent_waivers);
  if (!waivers) return std::unexpected(waivers.error());
  engine::AuditSettings settings;
  settings.profile = options.selection.profile;
  if (options.selection.level != 0) settings.level = options.selection.level;
  settings.only = options.selection.only;
  settings.skip = options.selection.skip;
  settings.params = options.params;
  settings.tailoring = std::move(*tailoring);
  settings.waivers = std::move(*waivers);
  settings.running_only = options.running_only;
  settings.run_id = std::move(run_id);
  return settings;
}

}  // namespace dockcis::cli
