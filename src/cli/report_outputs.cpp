// SPDX-License-Identifier: Apache-2.0
#include "cli/report_outputs.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "util/atomic_file.hpp"
#include "util/background_task.hpp"
#include "util/made_in_order.hpp"
#include "util/output_path.hpp"
#include "util/retention.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

// Where a report file goes, so that two requests for one file are told
// apart from two files: the path with the links of what exists of it resolved.
std::string destination_of(const std::string& file) {
  std::error_code error;
  const auto absolute = std::filesystem::absolute(file, error);
  if (error) return std::filesystem::path(file).lexically_normal().string();
  const auto resolved = std::filesystem::weakly_canonical(absolute, error);
  return error ? absolute.lexically_normal().string() : resolved.string();
}

// Two reports for one file would leave only one of them. Standard output
// takes several, one after the other in the order asked.
std::optional<std::string> shared_file(const std::vector<std::pair<report::Format, std::string>>& outputs) {
  const auto to_stdout = [](const std::string& file) { return file.empty() || file == "-"; };
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (to_stdout(outputs[i].second)) continue;
    const auto place = destination_of(outputs[i].second);
    for (std::size_t j = 0; j < i; ++j) {
      if (to_stdout(outputs[j].second) || destination_of(outputs[j].second) != place) continue;
      return "the " + std::string(report::kFormatNames[static_cast<std::size_t>(outputs[j].first)]) + " and " +
             std::string(report::kFormatNames[static_cast<std::size_t>(outputs[i].first)]) + " reports would both be written to " +
             outputs[i].second + ": give each its own file";
    }
  }
  return std::nullopt;
}

}  // namespace

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
  if (const auto clash = shared_file(plan.outputs)) return std::unexpected(Failure{kUsageError, *clash});
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

namespace {

// One report to make: to standard output (no file), to a file, or into the output directory.
struct OutputJob {
  report::Format format;
  report::RenderOptions options;
  std::string file;
  bool in_dir = false;
  [[nodiscard]] bool to_stdout() const { return !in_dir && (file.empty() || file == "-"); }
};

// How long a format takes to make and write, relative to the others, at
// 1,000 containers: millions of instructions to render it (callgrind, a
// replay, one format at a time) plus 7 for each megabyte written, about what
// the disk takes (at 500 MB/s) while as many instructions run. The largest
// start first: the HTML costs the most to render, and the XCCDF (12 MB)
// the most to write, whose writeback then overlaps the smaller reports'
// rendering instead of being waited for at the end. The HTML's 208 is from
// before its paged tables shared one list of containers (112 since); with
// the new cost the XCCDF would go first, which measured the same time and
// 5 MiB more peak RSS at 1,000 containers (58.7 against 53.5 MiB), so the
// order stays.
int making_cost(report::Format format) {
  switch (format) {
    case report::Format::html: return 208 + 7 * 3;
    case report::Format::sarif: return 244 + 7 * 9;
    case report::Format::json: return 80 + 7 * 5;
    case report::Format::junit: return 66 + 7 * 3;
    case report::Format::xccdf: return 48 + 7 * 12;
    case report::Format::text:
    case report::Format::prometheus: return 1;
  }
  return 1;
}

// One report made: standard output's text, held whole to be printed in its
// turn, or a file's sync and rename, under way on a thread of its own.
struct MadeOutput {
  std::string printed;
  std::optional<util::BackgroundTask> committing;
};

// Makes one report. A file's is written as it is rendered (the largest
// never held whole); its sync (at a thousand containers 3 to 13 ms a
// report, waiting for the disk) is left running beside the next report's
// rendering instead of holding up the thread that renders it.
std::expected<MadeOutput, std::string> make_output(const model::Report& report, const OutputJob& job, const std::string& dir,
                                                   const std::string& stamp) {
  MadeOutput made;
  if (job.to_stdout()) {
    made.printed = report::render(report, job.format, job.options);
    return made;
  }
  // An AtomicFile, or the directory's StampedFile: written, then committed beside.
  const auto write_and_commit = [&](auto file) -> std::expected<MadeOutput, std::string> {
    if (!file) return std::unexpected(file.error());
    report::render_into(report, job.format, job.options, [&](std::string_view text) { file->write(text); });
    made.committing.emplace([file = std::move(*file)]() mutable { return file.commit(); });
    return std::move(made);
  };
  if (job.in_dir) return write_and_commit(util::StampedFile::create(dir, stamp, report::file_extension(job.format)));
  return write_and_commit(util::AtomicFile::create(job.file, report::file_mode(job.format)));
}

}  // namespace

std::expected<void, Failure> write_outputs(const model::Report& report, const OutputPlan& plan, report::RenderOptions options,
                                           bool color_on_terminal) {
  // Every report to make, in the order they are handed out: the files, then the directory's formats.
  std::vector<OutputJob> jobs;
  for (const auto& [format, file] : plan.outputs) {
    // With --output-dir, a format without a file name goes to the directory only.
    if (file.empty() && !plan.output_dir.empty()) continue;
    options.color = format == report::Format::text && file.empty() && color_on_terminal;
    jobs.push_back({format, options, file});
  }
  const auto stamp = util::file_stamp(std::chrono::system_clock::now());
  if (!plan.output_dir.empty()) {
    if (auto made = util::make_output_dir(plan.output_dir); !made) return std::unexpected(Failure{kCannotRun, made.error()});
    options.color = false;
    std::vector<std::string> extensions;
    for (const auto format : plan.dir_formats) {
      if (std::ranges::find(extensions, report::file_extension(format)) != extensions.end()) continue;
      extensions.push_back(report::file_extension(format));
      jobs.push_back({format, options, "", true});
    }
  }
  // Two reports made at once, each on its own core, the longest started
  // first so that the two threads finish nearer together; standard
  // output's printed once every report is made, in the order asked. No
  // window below the number of jobs: a file's report is written as it is
  // made and hands out nothing (only standard output's is held, whole, as
  // it always is), so a thread done with its report starts the next
  // instead of waiting for the other's.
  std::vector<std::size_t> order(jobs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::stable_sort(order, std::greater{}, [&](std::size_t index) { return making_cost(jobs[index].format); });
  util::MadeInOrder<std::expected<MadeOutput, std::string>> made(
      jobs.size(), std::thread::hardware_concurrency() > 1 ? 1 : 0, jobs.size(),
      [&](std::size_t index) { return make_output(report, jobs[order[index]], plan.output_dir, stamp); });
  std::vector<MadeOutput> outputs(jobs.size());
  for (const auto index : order) {
    // One item per job: next() has one for each.
    auto output = made.next().value();
    if (!output) return std::unexpected(Failure{kCannotRun, output.error()});
    outputs[index] = std::move(*output);
  }
  for (auto& output : outputs) {
    if (!output.committing) continue;
    if (auto committed = output.committing->result(); !committed) return std::unexpected(Failure{kCannotRun, committed.error()});
  }
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    if (jobs[index].to_stdout()) std::cout << outputs[index].printed << std::flush;
  }
  if (plan.output_dir.empty()) return {};
  // Retention failing leaves this run's reports in place: a warning, not a failed audit.
  if (plan.keep > 0) {
    if (const auto pruned = util::prune_report_sets(plan.output_dir, plan.keep); !pruned) {
      std::cerr << "dockcis: warning: " << pruned.error() << "\n";
    }
  }
  return {};
}

}  // namespace dockcis::cli
