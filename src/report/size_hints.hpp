// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

#include "model/report.hpp"

// How much text a report's largest parts will take, estimated from the
// lengths of what they hold. A report's text is reserved at once at this
// size: one that grows by doubling holds the old and the new buffer together
// (three times the text at the peak), and one reserved far above its size
// is commit charge on a host that does not overcommit memory. The unit tests
// keep each estimate within a quarter of the real size.
namespace dockcis::report {

/// The JSON report's "results".
std::size_t json_results_size_hint(const model::Report& report);
/// The XCCDF report's rule-results.
std::size_t xccdf_rule_results_size_hint(const model::Report& report);

}  // namespace dockcis::report
