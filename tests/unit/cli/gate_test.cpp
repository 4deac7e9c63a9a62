// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "cli/gate.hpp"

using namespace dockcis;
using model::State;

namespace {
model::Report report_with(std::initializer_list<std::pair<State, const char*>> results) {
  model::Report report;
  report.profile_id = "cis-docker-1.6.0";
  for (const auto& [state, severity] : results) {
    model::CheckResult result;
    result.state = state;
    result.severity = *model::parse_severity(severity);
    report.results.push_back(result);
    ++report.summary.counts[state];
    if (state == State::pass) ++report.summary.total.pass;
    if (state == State::fail) ++report.summary.total.fail;
    if (state == State::error) ++report.summary.total.error;
  }
  return report;
}
}  // namespace

TEST_CASE("exit codes: compliant, findings, min-score") {
  const auto gate = *cli::parse_gate("fail,error", std::nullopt);
  CHECK(cli::exit_code_for(report_with({{State::pass, "high"}, {State::manual, "low"}, {State::notapplicable, "low"}}), gate) ==
        cli::kCompliant);
  CHECK(cli::exit_code_for(report_with({{State::pass, "high"}, {State::fail, "low"}}), gate) == cli::kFindings);
  CHECK(cli::exit_code_for(report_with({{State::pass, "high"}, {State::error, "low"}}), gate) == cli::kFindings);

  const auto scored = *cli::parse_gate("none", 60.0);
  CHECK(cli::exit_code_for(report_with({{State::pass, "high"}, {State::fail, "low"}}), scored) == cli::kFindings);  // 50%
  CHECK(cli::exit_code_for(report_with({{State::pass, "high"}, {State::pass, "low"}, {State::fail, "low"}}), scored) ==
        cli::kCompliant);  // 66.7%
}

TEST_CASE("--fail-on takes states and a severity threshold") {
  const auto high = *cli::parse_gate("high", std::nullopt);
  CHECK(cli::exit_code_for(report_with({{State::fail, "medium"}, {State::error, "low"}}), high) == cli::kCompliant);
  CHECK(cli::exit_code_for(report_with({{State::fail, "critical"}}), high) == cli::kFindings);
  CHECK(cli::exit_code_for(report_with({{State::error, "high"}}), high) == cli::kFindings);
  const auto manual = *cli::parse_gate("fail,manual", std::nullopt);
  CHECK(cli::exit_code_for(report_with({{State::manual, "low"}}), manual) == cli::kFindings);
  CHECK_FALSE(cli::parse_gate("failed", std::nullopt).has_value());
  CHECK_FALSE(cli::parse_gate("pass", std::nullopt).has_value());
  CHECK_FALSE(cli::parse_gate("fail", 120.0).has_value());
}

TEST_CASE("the journal line says score and verdict") {
  const auto gate = *cli::parse_gate("fail,error", std::nullopt);
  const auto line = cli::gate_summary(report_with({{State::pass, "low"}, {State::fail, "low"}}), gate);
  CHECK(line == "dockcis: cis-docker-1.6.0 score 50.0% (pass 1, fail 1, error 0, manual 0): findings");
}
