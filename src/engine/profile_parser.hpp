// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>

#include "engine/diagnostics.hpp"
#include "model/check.hpp"
#include "model/profile.hpp"

namespace dockcis::engine {

/// Parses one dockcis.profile/v1 file; recommendations must name checks in `checks`.
std::optional<model::Profile> parse_profile_file(DocumentReader& reader, std::string_view text,
                                                 const std::map<std::string, model::Check>& checks);

}  // namespace dockcis::engine
