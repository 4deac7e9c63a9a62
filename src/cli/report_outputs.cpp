// SPDX-License-Identifier: Apache-2.0
#include "cli/report_outputs.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "util/atomic_file.hpp"
#include "util/made_in_order.hpp"
#include "util/output_path.hpp"
#include "util/retention.hpp"
#include "util/time.hpp"

namespace dockcis::cli {

std::expected<OutputPlan, Failure> plan_outputs(const std::string& format, const std::vector<std::string>& outputs,
                                                const std::string& output_dir) {
  std::vector<std::pair<std::string, std::string>> requests;
  if (!format.empty()) requests.emplace_back(format, "");
  for (const auto& text : outputs) {
    const auto equals = text.find('=');
    requests.emplace_back(text.substr(0, equals), equals == std::string::npos ? "" : text.substr(equals + 1));
  }
  OutputPlan plan;
  plan.output_dir = output_dir;
  for (const auto& [name, file] : requests) {
    const auto parsed = report::parse_format(name);
    if (!parsed) return std::unexpected(Failure{kUsageError, "unknown output format '" + name + "' (" + report::format_names() + ")"});
    plan.outputs.emplace_back(*parsed, file);
    plan.dir_formats.push_back(*parsed);
  }
  if (requests.empty() && output_dir.empty()) plan.outputs.emplace_back(report::Format::text, "");
  if (outputs.empty() && format.empty()) plan.dir_formats = {report::Format::json, report::Format::html, report::Format::text};
  return plan;
}

std::expected<void, Failure> check_output_file(const std::string& file) {
  if (file.empty() || file == "-") return {};
  const auto checked = util::check_output_file(file);
  if (checked) return {};
  const auto code = checked.error().kind == util::OutputProblem::Kind::unusable_path ? kUsageError : kCannotRun;
  return std::unexpected(Failure{code, checked.error().message});
}

std::expected<void, Failure> check_outputs(const OutputPlan& plan) {
  for (const auto& [format, file] : plan.outputs) {
    if (auto checked = check_output_file(file); !checked) return checked;
  }
  if (plan.output_dir.empty()) return {};
  const auto checked = util::check_output_dir(plan.output_dir);
  if (checked) return {};
  const auto code = checked.error().kind == util::OutputProblem::Kind::unusable_path ? kUsageError : kCannotRun;
  return std::unexpected(Failure{code, checked.error().message});
}

std::expected<void, Failure> write_outputs(const model::Report& report, const OutputPlan& plan, report::RenderOptions options,
                                           bool color_on_terminal) {
  // Every text to make, in the order it is written: the files, then the directory's formats.
  std::vector<std::pair<report::Format, report::RenderOptions>> texts;
  std::vector<std::string> extensions;
  for (const auto& [format, file] : plan.outputs) {
    // With --output-dir, a format without a file name goes to the directory only.
    if (file.empty() && !plan.output_dir.empty()) continue;
    options.color = format == report::Format::text && file.empty() && color_on_terminal;
    texts.emplace_back(format, options);
  }
  if (!plan.output_dir.empty()) {
    options.color = false;
    for (const auto format : plan.dir_formats) {
      if (std::ranges::find(extensions, report::file_extension(format)) != extensions.end()) continue;
      extensions.push_back(report::file_extension(format));
      texts.emplace_back(format, options);
    }
  }
  // Each text made just before it is written, the next one beside it on a second core.
  util::MadeInOrder<std::string> made(texts.size(), std::thread::hardware_concurrency() > 1 ? 1 : 0, 2, [&](std::size_t index) {
    return report::render(report, texts[index].first, texts[index].second);
  });
  for (const auto& [format, file] : plan.outputs) {
    if (file.empty() && !plan.output_dir.empty()) continue;
    const auto content = made.next().value_or(std::string());
    if (file.empty() || file == "-") {
      std::cout << content << std::flush;
    } else if (auto written = util::write_file_atomically(file, content, report::file_mode(format)); !written) {
      return std::unexpected(Failure{kCannotRun, written.error()});
    }
  }
  if (plan.output_dir.empty()) return {};
  // write_output_dir asks for the extensions in the order given, the order they were queued in.
  const auto content_of = [&](const std::string&) { return made.next().value_or(std::string()); };
  if (auto written = util::write_output_dir(plan.output_dir, util::file_stamp(std::chrono::system_clock::now()), extensions, content_of);
      !written) {
    return std::unexpected(Failure{kCannotRun, written.error()});
  }
  // Retention failing leaves this run's reports in place: a warning, not a failed audit.
  if (plan.keep > 0) {
    if (const auto pruned = util::prune_report_sets(plan.output_dir, plan.keep); !pruned) {
      std::cerr << "dockcis: warning: " << pruned.error() << "\n";
    }
  }
  return {};
}

}  // namespace dockcis::cli
