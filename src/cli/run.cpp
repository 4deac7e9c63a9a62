// SPDX-License-Identifier: Apache-2.0
#include "cli/run.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/fleet_command.hpp"
#include "config.h"

namespace dockcis::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  compliant: nothing matched --fail-on and the score reached --min-score\n"
    "  1  findings: a result matched --fail-on (default fail,error) or the score is below --min-score\n"
    "  2  usage or input-file error (arguments, check/profile/tailoring files, facts snapshot)\n"
    "  3  the audit could not run (Docker daemon unreachable, output not writable)\n";

void add_catalogue_options(CLI::App& command, Options& options) {
  command.add_option("--checks-dir", options.checks_dir, "Directory of check definitions (default: installed data)");
  command.add_option("--profiles-dir", options.profiles_dir, "Directory of benchmark profiles (default: installed data)");
}

void add_selection_options(CLI::App& command, Options& options) {
  command.add_option("--profile", options.profile, "Benchmark profile, e.g. cis-docker-1.8.0 (default: by Docker version)");
  command.add_option("--level", options.level, "1: Level 1 only; 2: Level 1 and 2 (default)")->check(CLI::IsMember({1, 2}));
  command.add_option("--only", options.only, "Only these CIS ids, sections or check keys (repeatable, comma lists)")->delimiter(',');
  command.add_option("--skip", options.skip, "Skip these CIS ids, sections or check keys (reported as notselected)")->delimiter(',');
}

void add_collection_options(CLI::App& command, Options& options) {
  command.add_option("--socket", options.socket, "Docker Engine API socket (default: DOCKER_HOST=unix://..., else /var/run/docker.sock)");
  command.add_option("--root", options.root, "Read host files under this directory (e.g. /host in a container)");
  command.add_option("--timeout", options.timeout_ms, "Engine API request timeout in milliseconds")->check(CLI::PositiveNumber);
}

// "-o json=report.json" or "-o text" (standard output).
OutputRequest parse_output(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos) return {text, ""};
  return {text.substr(0, equals), text.substr(equals + 1)};
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"dockcis " DOCKCIS_VERSION ": audit a Docker host against the CIS Docker Benchmark", "dockcis"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", DOCKCIS_VERSION);
  app.require_subcommand(1);

  Options options;
  std::vector<std::string> outputs;
  std::string format;

  auto* audit = app.add_subcommand("audit", "Collect facts once, evaluate the checks, report");
  add_catalogue_options(*audit, options);
  add_selection_options(*audit, options);
  add_collection_options(*audit, options);
  audit->add_option("--facts", options.facts_file, "Evaluate a snapshot written by 'dockcis facts' instead of this host");
  audit->add_option("-f,--format", format, "Single report format on standard output: text, json, html, junit, xccdf");
  audit->add_option("-o,--output", outputs, "FORMAT[=FILE], repeatable; no FILE means standard output");
  audit->add_option("--output-dir", options.output_dir, "Write timestamped reports and latest.* links here (scheduled runs)");
  audit->add_option("--param", options.params, "Site parameter NAME=VALUE (lists: comma-separated)");
  audit->add_option("--tailoring", options.tailoring_file, "Site tailoring file (dockcis.tailoring/v1)");
  audit->add_option("--waivers", options.waivers_file, "Waivers file (dockcis.waivers/v1): accepted exceptions with justification and expiry");
  audit->add_flag("--allow-permanent-waivers", options.allow_permanent_waivers, "Accept waivers with \"expires\": \"never\"");
  audit->add_option("--fail-on", options.fail_on, "States and/or a severity that make exit code 1 (default fail,error)");
  audit->add_option("--min-score", options.min_score, "Exit 1 when the score (percent) is below this");
  audit->add_flag("--no-color", options.no_color, "No colour (also NO_COLOR)");
  audit->add_flag("-v,--verbose", options.verbose, "List every check in the text report");
  audit->add_flag("--running-only", options.running_only, "Audit running containers only (default: all, created and exited included)");
  audit->add_flag("--junit-per-instance", options.junit_per_instance, "One JUnit testcase per container");
  audit->get_option("--facts")->excludes(audit->get_option("--socket"));

  auto* facts = app.add_subcommand("facts", "Collect the facts and write a snapshot (JSON)");
  add_catalogue_options(*facts, options);
  add_selection_options(*facts, options);
  add_collection_options(*facts, options);
  std::string facts_output;
  facts->add_option("-o,--output", facts_output, "Snapshot file (default: standard output)");

  auto* validate = app.add_subcommand("validate", "Check the check and profile files, collect nothing");
  add_catalogue_options(*validate, options);

  auto* list = app.add_subcommand("list", "List the recommendations of a profile");
  add_catalogue_options(*list, options);
  add_selection_options(*list, options);

  auto* explain = app.add_subcommand("explain", "Explain one recommendation: what it reads, how it decides, how to fix");
  add_catalogue_options(*explain, options);
  explain->add_option("--profile", options.profile, "Profile whose numbering ID uses (default: newest)");
  explain->add_option("id", options.explain_id, "CIS id or check key")->required();

  auto* diff = app.add_subcommand("diff", "Compare two JSON reports: what newly fails, what was fixed, score change");
  diff->add_option("old", options.diff_old, "Older JSON report")->required()->check(CLI::ExistingFile);
  diff->add_option("new", options.diff_new, "Newer JSON report")->required()->check(CLI::ExistingFile);
  diff->add_option("-f,--format", options.diff_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  const auto run_fleet = add_fleet_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kCompliant : kUsageError;
  }

  for (const auto& output : outputs) options.outputs.push_back(parse_output(output));
  if (!format.empty()) options.outputs.insert(options.outputs.begin(), OutputRequest{format, ""});
  if (!facts_output.empty()) options.outputs = {OutputRequest{"json", facts_output}};

  if (const auto code = run_fleet()) return *code;
  if (*audit) return command_audit(options);
  if (*facts) return command_facts(options);
  if (*validate) return command_validate(options);
  if (*list) return command_list(options);
  if (*diff) return command_diff(options);
  return command_explain(options);
}

}  // namespace dockcis::cli
