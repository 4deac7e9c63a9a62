// SPDX-License-Identifier: Apache-2.0
#include "report/hints.hpp"

#include <array>
#include <utility>

namespace dockcis::report {

std::string hint_for(std::string_view reason) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kHints{{
      {"ermission denied", "Run dockcis as root, or give it read access to the path."},
      {"run as root", "Run dockcis as root, or give it read access to the path."},
      {"removed during the scan", "The container went away while dockcis read it; run the audit again."},
      {"HTTP 5", "The Docker daemon failed to answer; see its log."},
      {"not valid JSON", "Fix the file: dockerd will not start with it either."},
      {"processes", "Run dockcis on the host, or with --root pointing at the host's root."},
  }};
  for (const auto& [marker, hint] : kHints) {
    if (reason.find(marker) != std::string_view::npos) return std::string(hint);
  }
  return {};
}

}  // namespace dockcis::report
