// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <vector>

#include "engine/diagnostics.hpp"
#include "model/fact_store.hpp"
#include "model/report.hpp"

namespace dockcis::engine {

/// An accepted exception to one check, optionally to some of its containers.
struct Waiver {
  std::string id;
  std::string check;          ///< check key (waivers survive CIS renumbering)
  std::string name_pattern;   ///< RE2 pattern, whole container name; "" = any
  std::string image_pattern;  ///< RE2 pattern, whole image name; "" = any
  std::string label;          ///< "key=value" the container must carry; "" = any
  std::string justification;
  std::string approver;
  std::string ticket;
  std::string expires;        ///< YYYY-MM-DD, or "never" when permanent waivers are allowed
};

/// Parses a dockcis.waivers/v1 document; every problem at once.
std::expected<std::vector<Waiver>, Diagnostics> parse_waivers(const model::json& document, const std::string& origin,
                                                              bool allow_permanent);

/// Applies waivers to the results (pure). A failing or erroring result (or
/// instance) that a live waiver matches becomes `waived` and keeps its
/// original state; expired waivers change nothing and are reported as such.
/// `today` is YYYY-MM-DD. Returns the waiver appendix for the report.
model::json apply_waivers(const std::vector<Waiver>& waivers, const model::FactStore& facts, const std::string& today,
                          std::vector<model::CheckResult>& results);

}  // namespace dockcis::engine
