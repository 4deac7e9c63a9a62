// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <deque>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/diagnostics.hpp"
#include "engine/select.hpp"
#include "model/check.hpp"

namespace dockcis::engine {

/// A site's tailoring file (dockcis.tailoring/v1): which profile it extends,
/// what it selects, its parameter values and per-check severity changes.
struct Tailoring {
  std::string extends;
  std::optional<int> level;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  model::json parameters = model::json::object();
  std::map<std::string, model::Severity> severity;  ///< check key -> severity
};

/// Validates a tailoring document (the file's contents); every problem at once.
std::expected<Tailoring, Diagnostics> parse_tailoring(const model::json& document, const std::string& origin);

/// Command-line selectors add to the tailoring's; --level wins when given.
void apply_tailoring_selection(const Tailoring& tailoring, bool level_given, Selection& selection);
/// The check as the tailoring has it: the catalogue's own when the tailoring
/// leaves it alone (nearly always, and read in place), else a changed copy
/// kept in `copies`, whose earlier copies stay where they are.
const model::Check& tailored_check(const Tailoring& tailoring, const model::Check& check, std::deque<model::Check>& copies);

}  // namespace dockcis::engine
