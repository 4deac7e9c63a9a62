// SPDX-License-Identifier: Apache-2.0
#include "cli/diff_command.hpp"

#include <iostream>
#include <memory>

#include "cli/exit_codes.hpp"
#include "report/diff.hpp"
#include "util/input_file.hpp"

namespace dockcis::cli {
namespace {

// A JSON report of a host with thousands of containers stays well below this.
constexpr std::size_t kMaxReport = 1024UL * 1024 * 1024;

struct DiffOptions {
  std::string older;
  std::string newer;
  std::string format = "text";
};

int run_diff(const DiffOptions& options) {
  const auto older = util::read_json_file(options.older, "report", kMaxReport);
  if (!older) return fail_with({kUsageError, older.error()});
  const auto newer = util::read_json_file(options.newer, "report", kMaxReport);
  if (!newer) return fail_with({kUsageError, newer.error()});
  const auto diff = report::diff_reports(*older, *newer);
  if (!diff) return fail_with({kUsageError, diff.error()});
  if (options.format == "json") std::cout << report::diff_to_json(*diff).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else std::cout << report::render_diff_text(*diff);
  // Something that passed now fails: that is a finding.
  return diff->regressions.empty() ? kCompliant : kFindings;
}

}  // namespace

Command add_diff_command(CLI::App& app) {
  auto options = std::make_shared<DiffOptions>();
  auto* diff = app.add_subcommand("diff", "Compare two JSON reports: what newly fails, what was fixed, score change");
  diff->add_option("old", options->older, "Older JSON report")->required()->check(CLI::ExistingFile);
  diff->add_option("new", options->newer, "Newer JSON report")->required()->check(CLI::ExistingFile);
  diff->add_option("-f,--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return {diff, [options] { return run_diff(*options); }};
}

}  // namespace dockcis::cli
