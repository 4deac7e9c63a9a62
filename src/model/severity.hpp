// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace dockcis::model {

/// How much a failing check matters, lowest first (the order is the rank).
enum class Severity { info, low, medium, high, critical };

inline constexpr std::array kAllSeverities{Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical};

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view name);

}  // namespace dockcis::model
