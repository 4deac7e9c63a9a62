// SPDX-License-Identifier: Apache-2.0
#include "model/severity.hpp"

namespace dockcis::model {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "medium";
}

std::optional<Severity> parse_severity(std::string_view name) {
  for (Severity severity : kAllSeverities) {
    if (to_string(severity) == name) return severity;
  }
  return std::nullopt;
}

}  // namespace dockcis::model
