// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace dockcis::util {

/// The number of entries of the JSON array `text`, found by one pass over its
/// bytes that follows strings (with their escapes) and nesting, without
/// parsing or allocating: a list too long to read costs no tree, and 50 MB
/// take a tenth of a second (nlohmann's SAX parser takes ten times that, and
/// minutes under the sanitizers). It validates nothing: it only tells a list
/// too long to read; one within a cap is then parsed whole by parse_json().
/// nullopt when `text` is not one array (another document, or cut short).
std::optional<std::size_t> count_array_entries(std::string_view text);

}  // namespace dockcis::util
