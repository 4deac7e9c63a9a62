// SPDX-License-Identifier: Apache-2.0
#include "cli/gate.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace dockcis::cli {
namespace {

bool counts(const model::CheckResult& result, const Gate& gate) {
  if (gate.states.contains(result.state)) return true;
  return gate.severity && (result.state == model::State::fail || result.state == model::State::error) &&
         result.severity >= *gate.severity;
}

}  // namespace

std::expected<Gate, std::string> parse_gate(const std::string& fail_on, std::optional<double> min_score) {
  Gate gate;
  gate.min_score = min_score;
  // Written so that NaN, which every comparison answers false, is refused too.
  if (min_score && !(*min_score >= 0 && *min_score <= 100)) return std::unexpected("--min-score must be between 0 and 100");
  for (const auto& raw : util::split(fail_on, ',')) {
    const auto token = util::to_lower(util::trim(raw));
    if (token.empty() || token == "none") continue;
    if (const auto state = model::parse_state(token); state && *state != model::State::pass) {
      gate.states.insert(*state);
    } else if (const auto severity = model::parse_severity(token)) {
      gate.severity = *severity;
    } else {
      return std::unexpected("--fail-on: '" + token +
                             "' is neither a state (fail, error, manual, notapplicable, info, waived) nor a severity "
                             "(info, low, medium, high, critical)");
    }
  }
  return gate;
}

ExitCode exit_code_for(const model::Report& report, const Gate& gate) {
  if (gate.min_score && report.summary.total.percent() < *gate.min_score) return kFindings;
  const bool found = std::ranges::any_of(report.results, [&](const model::CheckResult& r) { return counts(r, gate); });
  return found ? kFindings : kCompliant;
}

std::string gate_summary(const model::Report& report, const Gate& gate) {
  const auto& summary = report.summary;
  auto count = [&](model::State state) {
    const auto found = summary.counts.find(state);
    return found == summary.counts.end() ? 0 : found->second;
  };
  std::string line = "dockcis: " + report.profile_id + " score " + util::fixed(summary.total.percent(), 1) + "% (pass " +
                     std::to_string(count(model::State::pass)) + ", fail " + std::to_string(count(model::State::fail)) +
                     ", error " + std::to_string(count(model::State::error)) + ", manual " +
                     std::to_string(count(model::State::manual)) + ")";
  line += exit_code_for(report, gate) == kCompliant ? ": compliant" : ": findings";
  if (gate.min_score && summary.total.percent() < *gate.min_score) line += ", below --min-score " + util::fixed(*gate.min_score, 1);
  return line;
}

}  // namespace dockcis::cli
