// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace dockcis::util {

std::size_t edit_distance(std::string_view a, std::string_view b);
/// The closest candidate within a small edit distance, or "" when none is close:
/// the source of every "did you mean" hint.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace dockcis::util
