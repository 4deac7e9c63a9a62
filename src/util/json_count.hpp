// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

#include "util/json_parse.hpp"

namespace dockcis::util {

/// The number of entries of the JSON array `text`, counted without building
/// it (nlohmann's SAX interface), so a list too long to read costs no tree.
/// nullopt when `text` is not an array within `limits`: parse_json() then
/// says why.
std::optional<std::size_t> count_array_entries(std::string_view text, const JsonLimits& limits = {});

}  // namespace dockcis::util
