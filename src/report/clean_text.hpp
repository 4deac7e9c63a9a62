// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

namespace dockcis::report {

/// Host-provided text made safe for a terminal, XML and HTML: the result is
/// valid UTF-8 without C0/C1 control characters, DEL, bidirectional overrides
/// or XML non-characters; each is shown escaped (\x1b, \u202e, \xff for an
/// invalid byte). `keep_lines` keeps newlines and tabs.
std::string clean_text(std::string_view text, bool keep_lines = false);

}  // namespace dockcis::report
