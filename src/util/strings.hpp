// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace dockcis::util {

std::vector<std::string> split(std::string_view text, char separator);
/// Splits on runs of blanks (space, tab); no empty fields.
std::vector<std::string> split_words(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string trim(std::string_view text);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
/// Formats a value with a fixed number of decimals, without locale surprises.
std::string fixed(double value, int decimals);
/// "1,013": a count with thousands separators, as the reports write counts.
std::string count_text(std::size_t count);
/// Octal rendering of a permission mode, e.g. 0644 -> "644", 04755 -> "4755".
std::string octal_mode(unsigned mode);
/// Replaces control characters so host-provided text cannot drive a terminal
/// (or break XML); `keep_lines` keeps newlines and tabs for multi-line text.
std::string printable(std::string_view text, bool keep_lines = false);

}  // namespace dockcis::util
