// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <optional>
#include <set>
#include <string>

#include "cli/exit_codes.hpp"
#include "model/report.hpp"

namespace dockcis::cli {

/// What makes a run "findings" (exit 1): result states, and/or a severity
/// threshold that counts fail and error results at or above it.
struct Gate {
  std::set<model::State> states;
  std::optional<model::Severity> severity;  ///< the lowest severity that counts
  std::optional<double> min_score;
};

/// Parses --fail-on ("fail,error", "high", "fail,manual", ...).
std::expected<Gate, std::string> parse_gate(const std::string& fail_on, std::optional<double> min_score);

/// 0 when compliant, 1 when the gate finds something.
ExitCode exit_code_for(const model::Report& report, const Gate& gate);

/// Why the gate tripped, one line, for the text summary and the journal.
std::string gate_summary(const model::Report& report, const Gate& gate);

}  // namespace dockcis::cli
