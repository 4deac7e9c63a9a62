// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/options.hpp"

namespace dockcis::cli {

/// `dockcis audit`, and when it could not run (exit code 3) the metrics that
/// say so: written to every -o prometheus=FILE (and to standard output for a
/// bare -o prometheus without --output-dir), so monitoring sees a failed
/// night instead of yesterday's score. Returns the audit's exit code.
int command_audit_with_metrics(const Options& options);

}  // namespace dockcis::cli
