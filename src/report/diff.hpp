// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockcis::report {

/// One recommendation whose state changed between two reports, matched by
/// check key so reports of different CIS versions compare too.
struct Change {
  std::string key;
  std::string id;  ///< CIS id in the newer report
  std::string title;
  std::string old_state;
  std::string new_state;
  std::vector<std::string> newly_failing;  ///< instances (containers) that fail now and did not before
  std::vector<std::string> fixed;          ///< instances that failed before and do not now
};

struct ReportDiff {
  double old_score = 0;
  double new_score = 0;
  std::vector<Change> regressions;  ///< newly failing or erroring, or with new failing instances
  std::vector<Change> fixes;        ///< failing or erroring before, passing (or waived, not applicable) now
  std::vector<Change> other;        ///< any other state change
};

/// Compares two dockcis JSON reports, v1 or v2 (pure); instances are told apart by name.
std::expected<ReportDiff, std::string> diff_reports(const nlohmann::json& older, const nlohmann::json& newer);

std::string render_diff_text(const ReportDiff& diff);
nlohmann::json diff_to_json(const ReportDiff& diff);

}  // namespace dockcis::report
