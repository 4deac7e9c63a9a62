// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <vector>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "engine/audit.hpp"
#include "engine/tailoring.hpp"
#include "engine/waivers.hpp"

namespace dockcis::cli {

/// Reads and validates a tailoring file; "" gives an empty tailoring.
std::expected<engine::Tailoring, Failure> read_tailoring(const std::string& path);
/// Reads and validates a waivers file; "" gives no waivers.
std::expected<std::vector<engine::Waiver>, Failure> read_waivers(const std::string& path, bool allow_permanent);

/// The engine's settings from the options `audit` and `watch` share.
std::expected<engine::AuditSettings, Failure> audit_settings_of(const SelectionOptions& selection, const SiteOptions& site,
                                                               std::string run_id);

}  // namespace dockcis::cli
