// SPDX-License-Identifier: Apache-2.0
#include "cli/audit_metrics.hpp"

#include <chrono>
#include <iostream>

#include "cli/commands.hpp"
#include "report/prometheus.hpp"
#include "report/render.hpp"
#include "util/atomic_file.hpp"

namespace dockcis::cli {

int command_audit_with_metrics(const Options& options) {
  const auto started = std::chrono::steady_clock::now();
  const int code = command_audit(options);
  if (code != kCannotRun) return code;
  const double duration = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto metrics = report::render_prometheus_cannot_run(std::chrono::system_clock::now(), duration);
  for (const auto& request : options.outputs) {
    if (report::parse_format(request.format) != report::Format::prometheus) continue;
    if (request.file.empty() || request.file == "-") {
      if (options.output_dir.empty()) std::cout << metrics << std::flush;
    } else if (auto written = util::write_file_atomically(request.file, metrics, report::file_mode(report::Format::prometheus)); !written) {
      std::cerr << "dockcis: " << written.error() << "\n";
    }
  }
  return code;
}

}  // namespace dockcis::cli
