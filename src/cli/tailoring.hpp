// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/select.hpp"
#include "model/check.hpp"

namespace dockcis::cli {

/// A site's tailoring file (dockcis.tailoring/v1): which profile it extends,
/// what it selects, its parameter values and per-check severity changes.
struct Tailoring {
  std::string extends;
  std::optional<int> level;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  model::json parameters = model::json::object();
  std::map<std::string, std::string> severity;  ///< check key -> severity
};

/// Reads and validates a tailoring file; "" gives an empty tailoring.
std::expected<Tailoring, std::string> read_tailoring(const std::string& path);
/// Parses a tailoring document (the file's contents), naming `origin` in errors.
std::expected<Tailoring, std::string> parse_tailoring(const model::json& document, const std::string& origin);

/// Command-line selectors add to the tailoring's; --level wins when given.
void apply_tailoring_selection(const Tailoring& tailoring, bool level_given, engine::Selection& selection);
void apply_tailoring_patch(const Tailoring& tailoring, model::Check& check);

}  // namespace dockcis::cli
