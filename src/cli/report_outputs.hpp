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

/// Checks one output file before anything is collected: exit 2 for a path
/// that cannot be a report (missing parent, a directory, a symbolic link),
/// 3 for one the host refuses (permission, read-only file system). "" and "-"
/// (standard output) always pass.
std::expected<void, Failure> check_output_file(const std::string& file);

/// check_output_file for every file of the plan, and the output directory
/// (also where --keep prunes).
std::expected<void, Failure> check_outputs(const OutputPlan& plan);

/// Renders and writes every output (atomically for files, timestamped with
/// latest.* links in the output directory).
std::expected<void, Failure> write_outputs(const model::Report& report, const OutputPlan& plan, report::RenderOptions options,
                                           bool color_on_terminal);

}  // namespace dockcis::cli
