// SPDX-License-Identifier: Apache-2.0
#include "cli/watch_command.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/catalogue_files.hpp"
#include "cli/exit_codes.hpp"
#include "cli/site_files.hpp"
#include "cli/watch_loop.hpp"
#include "engine/audit.hpp"

namespace dockcis::cli {
namespace {

struct WatchOptions {
  CatalogueOptions catalogue;
  SelectionOptions selection;
  CollectionOptions collection;
  SiteOptions site;
  std::string metrics_file;
  std::string output_dir;
  int keep = 0;
  std::string full_every = "24h";
  std::string silence = "5m";
  bool debug = false;
};

std::expected<engine::AuditSettings, Failure> settings_of(const WatchOptions& options) {
  return audit_settings_of(options.selection, options.site, "watch");
}

// SIGHUP: read everything again; a file that no longer validates keeps the old set.
bool reload(const WatchOptions& options, engine::IncrementalAudit& audit) {
  auto catalogue = load_catalogue(options.catalogue);
  auto settings = catalogue ? settings_of(options) : std::unexpected(catalogue.error());
  if (!catalogue || !settings) {
    std::cerr << "dockcis watch: reload refused, keeping the loaded checks: "
              << (!catalogue ? catalogue.error().message : settings.error().message) << "\n";
    return false;
  }
  audit.reload(std::move(*catalogue), std::move(*settings));
  return true;
}

// The signals are read from a descriptor, so the event loop's poll sees them
// at once; blocked before any thread starts, so no thread takes one.
int signal_descriptor() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal : {SIGHUP, SIGTERM, SIGINT}) sigaddset(&set, signal);
  if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return -1;
  return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

std::expected<WatchSettings, Failure> watch_settings(const WatchOptions& options) {
  WatchSettings settings;
  const auto full_every = parse_period(options.full_every);
  if (!full_every) return std::unexpected(Failure{kUsageError, "--full-every: '" + options.full_every + "' is not a period such as 24h, 30m or 0 (at most 3650d)"});
  const auto silence = parse_period(options.silence);
  if (!silence || silence->count() == 0) {
    return std::unexpected(Failure{kUsageError, "--resync-after: '" + options.silence + "' is not a period such as 5m or 90s (at most 3650d)"});
  }
  settings.full_every = *full_every;
  settings.silence_timeout = *silence;
  settings.metrics_file = options.metrics_file;
  settings.debug = options.debug;
  if (!options.output_dir.empty()) {
    auto plan = plan_outputs("", {}, options.output_dir);
    if (!plan) return std::unexpected(plan.error());
    settings.reports = std::move(*plan);
    settings.reports.keep = static_cast<std::size_t>(options.keep);
  }
  return settings;
}

int run_watch(const WatchOptions& options) {
  auto settings = watch_settings(options);
  if (!settings) return fail_with(settings.error());
  auto catalogue = load_catalogue(options.catalogue);
  if (!catalogue) return fail_with(catalogue.error());
  auto audit_settings = settings_of(options);
  if (!audit_settings) return fail_with(audit_settings.error());
  const auto socket = collect::resolve_socket_path(options.collection.socket, std::getenv("DOCKER_HOST"));
  if (!socket) return fail_with({kUsageError, socket.error()});
  settings->signal_fd = signal_descriptor();
  if (settings->signal_fd < 0) return fail_with({kCannotRun, "cannot receive signals through signalfd"});
  settings->reload = [&options](engine::IncrementalAudit& audit) { return reload(options, audit); };

  engine::IncrementalAudit audit(std::move(*catalogue), std::move(*audit_settings));
  WatchCollector collector(options.collection, *socket, settings->signal_fd);
  const int code = WatchLoop(audit, collector, std::move(*settings)).run();
  std::cerr << "dockcis watch: stopped\n";
  return code;
}

}  // namespace

Command add_watch_command(CLI::App& app) {
  auto options = std::make_shared<WatchOptions>();
  auto* watch = app.add_subcommand("watch", "Follow the engine's events and judge each container as it changes (JSON lines)");
  add_catalogue_options(*watch, options->catalogue);
  add_selection_options(*watch, options->selection);
  add_collection_options(*watch, options->collection);
  add_site_options(*watch, options->site, "Judge running containers only");
  watch->add_option("--metrics", options->metrics_file, "Prometheus textfile, rewritten after each change");
  auto* output_dir = watch->add_option("--output-dir", options->output_dir,
                                       "Write the full audits' reports here, as scheduled runs do (timestamped, latest.* links)");
  watch->add_option("--keep", options->keep, "With --output-dir: keep the N newest report sets")
      ->check(CLI::PositiveNumber)
      ->needs(output_dir);
  watch->add_option("--full-every", options->full_every, "Period of the full audit (host and daemon checks), e.g. 24h, 30m; 0 = never; at most 3650d")
      ->default_str("24h");
  watch->add_option("--resync-after", options->silence, "Resubscribe and resync after this long without an event (at most 3650d)")
      ->default_str("5m");
  watch->add_flag("--debug", options->debug, "Debug lines on standard error (events, ignored containers, timings)");
  return {watch, [options] { return run_watch(*options); }};
}

}  // namespace dockcis::cli
