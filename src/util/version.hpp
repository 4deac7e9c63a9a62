// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

namespace dockcis::util {

/// Dotted versions compared as Docker compares them: part by part as
/// numbers, a missing part counting as 0 ("1.40" is "1.40.0"); the text from
/// the first character that is neither a digit nor a dot is ignored
/// ("20.10.24+dfsg1" is 20.10.24). A part may hold any number of digits: an
/// engine's answer can hold more than any integer type. Negative when `a`
/// is below `b`, 0 when equal, positive above.
int compare_versions(std::string_view a, std::string_view b);

/// Text in "natural" order: each run of digits compared as a number (of any
/// length, leading zeros ignored), the rest byte by byte, so that
/// "cis-docker-1.10.0" comes after "cis-docker-1.8.0"; texts equal so
/// ("1.08", "1.8") in byte order. Negative, 0 or positive as compare_versions.
int compare_natural(std::string_view a, std::string_view b);

}  // namespace dockcis::util
