// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/report_outputs.hpp"

namespace dockcis::cli {

/// When an audit could not run (exit 3), the metrics it was asked for still
/// say so, so monitoring sees a failed run rather than an old one.
void write_cannot_run_metrics(const OutputPlan& plan, double duration_seconds);

}  // namespace dockcis::cli
