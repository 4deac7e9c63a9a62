// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "cli/exit_codes.hpp"
#include "model/report.hpp"
#include "report/render.hpp"

namespace dockcis::cli {

/// Where the reports of one audit go: formats with files ("" = standard output),
/// and the directory of scheduled runs.
struct OutputPlan {
  std::vector<std::pair<report::Format, std::string>> outputs;
  std::string output_dir;
  /// Formats written to output_dir: those given without a file, else json, html, text.
  std::vector<report::Format> dir_formats;
  /// Report sets kept in output_dir (--keep); 0 keeps all.
  std::size_t keep = 0;
};

/// Parses "-f FORMAT" and "-o FORMAT[=FILE]" options; a text report on
/// standard output when nothing is asked.
std::expected<OutputPlan, Failure> plan_outputs(const std::string& format, const std::vector<std::string>& outputs,
                                                const std::string& output_dir);

/// Renders and writes every output (atomically for files, timestamped with
/// latest.* links in the output directory).
std::expected<void, Failure> write_outputs(const model::Report& report, const OutputPlan& plan, report::RenderOptions options,
                                           bool color_on_terminal);

}  // namespace dockcis::cli
