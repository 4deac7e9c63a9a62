// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "model/report.hpp"

namespace dockcis::engine {

/// Scores results as the design fixes it: pass / (pass + fail + error) over
/// selected, applicable, automated checks, waived excluded; plus the score
/// before waivers, per section, per level, failed by severity and the XCCDF
/// default (sections averaged) and flat (sum of weights) scores.
model::Summary score(const std::vector<model::CheckResult>& results,
                     const std::vector<model::State>& states_before_waivers);

}  // namespace dockcis::engine
