// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "engine/loader.hpp"

namespace dockcis::engine {

/// The newest profile whose docker_min the engine version reaches; the oldest
/// profile when the version is unknown or below every minimum.
const model::Profile* default_profile(const Catalogue& catalogue, const std::string& docker_version);

/// What the user asked for: a level (1: Level 1 only; 2: Level 1 and 2 as CIS
/// defines Level 2) and --only/--skip selectors (ids, section numbers or keys).
struct Selection {
  int level = 2;
  std::vector<std::string> only;
  std::vector<std::string> skip;
};

/// Whether a recommendation is selected.
bool is_selected(const model::Recommendation& recommendation, const Selection& selection);

/// Selectors that match nothing in the profile (reported as usage errors).
std::vector<std::string> unknown_selectors(const model::Profile& profile, const Selection& selection);

/// Effective parameters: profile defaults, then tailoring values, then
/// --param values. Unknown names are an error.
std::expected<model::json, std::string> effective_parameters(const model::Profile& profile, const model::json& overrides);

}  // namespace dockcis::engine
