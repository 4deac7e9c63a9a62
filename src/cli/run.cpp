// SPDX-License-Identifier: Apache-2.0
#include "cli/run.hpp"

#include <vector>

#include "cli/audit_command.hpp"
#include "cli/catalogue_commands.hpp"
#include "cli/diff_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/completion.hpp"
#include "cli/fleet_command.hpp"
#include "cli/watch_command.hpp"
#include "config.h"

namespace dockcis::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  compliant: nothing matched --fail-on and the score reached --min-score\n"
    "  1  findings: a result matched --fail-on (default fail,error) or the score is below --min-score\n"
    "  2  usage or input-file error (arguments, check/profile/tailoring files, facts snapshot)\n"
    "  3  the audit could not run (Docker daemon unreachable, output not writable)\n";

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"dockcis " DOCKCIS_VERSION ": audit a Docker host against the CIS Docker Benchmark", "dockcis"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", DOCKCIS_VERSION);
  app.require_subcommand(1);
  // Scheduled runs read their settings from a file: keys are long option
  // names, "[audit]" holds the audit's (dockcis(8), FILES). Unknown keys are errors.
  app.set_config("--config", "", "Read option values from this TOML/INI file (e.g. /etc/dockcis/dockcis.conf)");
  app.allow_config_extras(CLI::config_extras_mode::error);
  const std::vector<Command> commands{add_audit_command(app), add_facts_command(app),   add_validate_command(app),
                                      add_list_command(app),  add_explain_command(app), add_diff_command(app),
                                      add_completion_command(app), add_watch_command(app)};
  const auto run_fleet = add_fleet_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kCompliant : kUsageError;
  }
  if (const auto code = run_fleet()) return *code;
  for (const auto& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kUsageError;
}

}  // namespace dockcis::cli
