// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dockcis::report {

/// Host-provided text made safe for a terminal, XML and HTML: the result is
/// valid UTF-8 without C0/C1 control characters, DEL, bidirectional overrides
/// or XML non-characters; each is shown escaped (\x1b, \u202e, \xff for an
/// invalid byte). `keep_lines` keeps newlines and tabs.
std::string clean_text(std::string_view text, bool keep_lines = false);

/// Hashes text however it is held, so that a map keyed by strings is searched with a view.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

/// clean_text() of each distinct text once, kept where it stays until the
/// cache goes: a report repeats a container's name, image and evidence in
/// every check's table. It holds each text it was given twice (as given and
/// cleaned), so a cache lives no longer than the texts recur.
class CleanTexts {
 public:
  const std::string& of(std::string_view raw, bool keep_lines = false) {
    auto& known = cleaned_[keep_lines ? 1 : 0];
    if (const auto found = known.find(raw); found != known.end()) return found->second;
    return known.emplace(std::string(raw), clean_text(raw, keep_lines)).first->second;
  }

 private:
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> cleaned_[2];
};

}  // namespace dockcis::report
