// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace dockcis::engine {

/// Regular expressions of check and waiver files, matched with RE2: linear in
/// the text, no recursion, whatever a host puts in a label or a build step.
/// A pattern is compiled once (by the loader) and kept for the run.

/// Compiles `pattern` if it is new; "" when it is valid, else why not.
std::string compile_pattern(const std::string& pattern);
/// The compiled pattern; compiled now when the loader did not see it.
/// nullptr for an invalid pattern.
const re2::RE2* pattern(std::string_view text);

/// Some part of `text` matches.
bool search(const re2::RE2& pattern, std::string_view text);
/// The whole of `text` matches.
bool whole_match(const re2::RE2& pattern, std::string_view text);

}  // namespace dockcis::engine
