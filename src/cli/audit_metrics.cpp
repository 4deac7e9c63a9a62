// SPDX-License-Identifier: Apache-2.0
#include "cli/audit_metrics.hpp"

#include <chrono>
#include <iostream>

#include "report/prometheus.hpp"
#include "util/atomic_file.hpp"

namespace dockcis::cli {

void write_cannot_run_metrics(const OutputPlan& plan, double duration_seconds) {
  const auto metrics = report::render_prometheus_cannot_run(std::chrono::system_clock::now(), duration_seconds);
  for (const auto& [format, file] : plan.outputs) {
    if (format != report::Format::prometheus) continue;
    if (file.empty() || file == "-") {
      if (plan.output_dir.empty()) std::cout << metrics << std::flush;
    } else if (auto written = util::write_file_atomically(file, metrics, report::file_mode(report::Format::prometheus)); !written) {
      std::cerr << "dockcis: " << written.error() << "\n";
    }
  }
}

}  // namespace dockcis::cli
