// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "model/report.hpp"
#include "report/render.hpp"

namespace dockcis::report {

/// Renders the report of a run that failed before any check was decided
/// (`report.failure` set) in `format`: each format says the run failed and
/// why, claims no result and no score, and stays valid for its consumers
/// (JSON schema, JUnit XSD, oscap, SARIF 2.1.0, Prometheus text format).
std::string render_failed_run(const model::Report& report, Format format, const RenderOptions& options);

}  // namespace dockcis::report
