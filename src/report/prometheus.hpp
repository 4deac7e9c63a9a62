// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <string>

#include "model/report.hpp"

namespace dockcis::report {

/// Prometheus text exposition (0.0.4) for node_exporter's textfile collector:
/// scores as 0-1 ratios, results by state, failed checks by severity and by
/// section, when the run finished and how long it took (`duration_seconds`,
/// measured by the caller; a negative value leaves the metric out).
std::string render_prometheus(const model::Report& report, double duration_seconds);

/// The metrics of a run that could not happen (exit code 3): could-not-run 1,
/// when and after how long it gave up; no score, so alerts see no stale value.
std::string render_prometheus_cannot_run(std::chrono::system_clock::time_point finished, double duration_seconds);

/// The same for a report whose run failed (`report.failure`), finished when it says.
std::string render_prometheus_failed_run(const model::Report& report, double duration_seconds);

}  // namespace dockcis::report
