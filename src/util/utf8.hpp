// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockcis::util {

/// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);
/// `text` with every byte that is not part of well-formed UTF-8 replaced by
/// U+FFFD, the Unicode replacement character.
std::string valid_utf8(std::string_view text);
/// Makes every string and object key in `document` valid UTF-8 (iteratively,
/// whatever the nesting); true when something was replaced.
bool make_valid_utf8(nlohmann::json& document);

/// `text` if it holds at most `max_bytes`, else its longest start of whole
/// characters within `max_bytes` followed by "…": a value shown, not
/// copied whole into every report that names it. `text` is valid UTF-8.
std::string shortened(std::string_view text, std::size_t max_bytes);

/// The UTF-8 bytes of U+FFFD.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace dockcis::util
