// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace dockcis::report {

/// Host-provided text made safe for a terminal, XML and HTML: the result is
/// valid UTF-8 without C0/C1 control characters, DEL, bidirectional overrides,
/// U+2028, U+2029, U+FEFF or XML non-characters; each is shown escaped (\x1b,
/// \u202e, \xff for an invalid byte). `keep_lines` keeps newlines and tabs.
std::string clean_text(std::string_view text, bool keep_lines = false);
/// Whether clean_text() gives `text` back as it is because it is printable
/// ASCII (with `keep_lines`, line feeds and tabs too): a writer can then
/// escape it where it stands rather than from a copy. False for any other
/// byte, even where cleaning would change nothing (UTF-8 text).
bool is_clean_text(std::string_view text, bool keep_lines = false);

/// Hashes text however it is held, so that a map keyed by strings is searched with a view.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

}  // namespace dockcis::report
