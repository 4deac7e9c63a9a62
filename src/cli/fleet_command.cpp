// SPDX-License-Identifier: Apache-2.0
#include "cli/fleet_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <tuple>

#include "cli/catalogue_files.hpp"
#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "fleet/ingest.hpp"
#include "fleet/queries.hpp"
#include "fleet_report/fleet_render.hpp"
#include "report/clean_text.hpp"
#include "util/atomic_file.hpp"

namespace dockcis::cli {
namespace {

struct FleetOptions {
  std::string db;
  std::string group;
  std::vector<std::string> inputs;
  bool quiet = false;
  std::vector<std::string> outputs;
  fleet::FleetFilter filter;
  CatalogueOptions catalogue;
};

// Titles, severities, control mappings and section titles as this dockcis'
// catalogue has them: a check's title in each profile, and where no profile
// is meant, the newest's (profiles are sorted by benchmark version), else the check's own.
fleet::CatalogueText catalogue_text(const engine::Catalogue& catalogue) {
  fleet::CatalogueText text;
  for (const auto& [key, check] : catalogue.checks) {
    auto& entry = text.checks[key];
    entry.title = check.title;
    entry.severity = model::to_string(check.severity);
    for (const auto& control : check.controls) entry.controls.push_back({control.framework, control.id, control.source});
  }
  for (const auto& profile : catalogue.profiles) {
    for (const auto& recommendation : profile.recommendations) {
      if (auto found = text.checks.find(recommendation.key); found != text.checks.end() && !recommendation.title.empty()) {
        found->second.title = recommendation.title;
        found->second.titles[profile.id] = recommendation.title;
      }
    }
    auto& titles = text.sections.emplace_back(profile.id, std::map<std::string, std::string>()).second;
    for (const auto& section : profile.sections) titles[section.id] = section.title;
  }
  return text;
}

int fail(ExitCode code, const std::string& message) {
  std::cerr << "dockcis fleet: " << report::clean_text(message, true) << "\n";
  return code;
}

std::expected<fleet::Store, int> open_store(const std::string& target) {
  auto store = fleet::Store::open(target);
  if (!store) return std::unexpected(fail(store.error().unreachable ? kCannotRun : kUsageError, store.error().message));
  return std::move(*store);
}

int run_ingest(const FleetOptions& options) {
  auto store = open_store(options.db);
  if (!store) return store.error();
  const auto summary = fleet::ingest_files(*store, options.inputs, {options.group});
  if (!summary) return fail(kCannotRun, "the store became unusable, the rest of the batch is not stored: " + summary.error().message);
  for (const auto& refusal : summary->refusals) std::cerr << "dockcis fleet: refused " << report::clean_text(refusal) << "\n";
  if (!options.quiet || summary->refused > 0) {
    std::cout << report::clean_text(store->database().location()) << ": " << summary->stored << " stored, " << summary->already_stored
              << " already stored, " << summary->refused << " refused\n";
  }
  return summary->refused > 0 ? kUsageError : kCompliant;
}

std::expected<fleet::FleetFilter, std::string> checked_filter(fleet::FleetFilter filter) {
  for (const auto& [field, name, end_of_day] : {std::tuple{&filter.since, "--since", false}, {&filter.until, "--until", true},
                                                 {&filter.as_of, "--as-of", true}}) {
    if (field->empty()) continue;
    const auto normalised = fleet::normalise_time(*field, end_of_day);
    if (normalised.empty()) return std::unexpected(std::string(name) + " expects YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got '" + *field + "'");
    *field = normalised;
  }
  return filter;
}

int run_report(const FleetOptions& options) {
  std::vector<std::pair<fleet_report::Format, std::string>> plan;
  int to_stdout = 0;
  for (const auto& output : options.outputs) {
    const auto equals = output.find('=');
    const auto name = output.substr(0, equals);
    const auto format = fleet_report::parse_format(name);
    if (!format) return fail(kUsageError, "unknown fleet report format '" + name + "' (html, json, csv)");
    const auto file = equals == std::string::npos ? std::string() : output.substr(equals + 1);
    to_stdout += file.empty() || file == "-";
    plan.emplace_back(*format, file);
  }
  if (plan.empty()) plan.emplace_back(fleet_report::Format::json, ""), to_stdout = 1;
  if (to_stdout > 1) return fail(kUsageError, "only one output can go to standard output");
  auto filter = checked_filter(options.filter);
  if (!filter) return fail(kUsageError, filter.error());
  std::error_code error;
  const bool url = options.db.find("://") != std::string::npos;
  if (!url && !std::filesystem::exists(options.db, error)) {
    return fail(kUsageError, "no fleet store at " + options.db + " (create it with 'dockcis fleet ingest --db " + options.db + " ...')");
  }
  auto store = open_store(options.db);
  if (!store) return store.error();
  // A machine that only reads the store may have no catalogue, or another
  // version's: the report is still made, with the store's text, and says so.
  const auto catalogue = load_catalogue(options.catalogue);
  fleet::CatalogueText text;
  if (catalogue) {
    text = catalogue_text(*catalogue);
    filter->catalogue = &text;
  } else {
    std::cerr << "dockcis fleet: warning: check titles, controls and section titles are the hosts' reports', not a catalogue's: "
              << report::clean_text(catalogue.error().message.substr(0, catalogue.error().message.find('\n')), true) << "\n";
  }
  const auto view = fleet::build_fleet_view(store->database(), *filter);
  if (!view) return fail(kCannotRun, "cannot read the store: " + view.error().message);
  for (const auto& [format, file] : plan) {
    const auto content = fleet_report::render(*view, format);
    if (file.empty() || file == "-") {
      std::cout << content << std::flush;
    } else if (auto written = util::write_file_atomically(file, content); !written) {
      return fail(kCannotRun, written.error());
    }
  }
  return kCompliant;
}

}  // namespace

std::function<std::optional<int>()> add_fleet_commands(CLI::App& app) {
  auto options = std::make_shared<FleetOptions>();
  auto* fleet = app.add_subcommand("fleet", "Store host reports in a fleet store and report on the fleet");
  fleet->require_subcommand(1);
  fleet->footer("Exit codes: 0 done; 2 usage error, refused reports or not a dockcis store; 3 the store cannot be reached or written.");

  auto* ingest = fleet->add_subcommand("ingest", "Store JSON reports (files, directories of *.json, '-' for standard input)");
  ingest->add_option("--db", options->db, "Fleet store: an SQLite file (created if absent) or a postgresql:// URL")->required();
  ingest->add_option("--group", options->group, "Group of these hosts (default: the report's host.group)");
  ingest->add_flag("-q,--quiet", options->quiet, "No summary line unless a report was refused");
  ingest->add_option("reports", options->inputs, "Report files, directories or '-'")->required();
  ingest->footer("Exit codes: 0 every report stored (or already stored); 2 some were refused (each named on standard error,\n"
                 "nothing of them stored) or the store is not a dockcis store; 3 the store cannot be reached or written.");

  auto* report = fleet->add_subcommand("report", "Report on the fleet: score trend, hosts x sections, worst checks, regressions, ...");
  report->add_option("--db", options->db, "Fleet store: an SQLite file or a postgresql:// URL")->required();
  report->add_option("-o,--output", options->outputs, "FORMAT[=FILE]: html, json or csv, repeatable (default: json on standard output)");
  report->add_option("--hosts", options->filter.host_pattern, "Only hosts whose name matches this shell pattern (e.g. 'web-*')");
  report->add_option("--group", options->filter.group, "Only hosts of this group");
  report->add_option("--since", options->filter.since, "Trend and histories from this date or time (default: 90 days before --until)");
  report->add_option("--until", options->filter.until, "Ignore runs after this date or time (default: --as-of)");
  report->add_option("--as-of", options->filter.as_of, "Reference time for stale hosts and waiver expiry (default: now)");
  report->add_option("--stale-after", options->filter.stale_after_days, "A host with no run for this many days is stale (default 2)")
      ->check(CLI::Range(0, 36500));
  report->add_option("--waiver-window", options->filter.waiver_window_days, "List waivers expiring within this many days (default 30)")
      ->check(CLI::Range(0, 36500));
  add_catalogue_options(*report, options->catalogue);
  report->footer("Check titles, control mappings and section titles are this dockcis' catalogue's for the checks it knows.\n"
                 "Exit codes: 0 written; 2 usage error or not a dockcis store; 3 the store cannot be read or an output written.");

  return [options, ingest, report]() -> std::optional<int> {
    if (*ingest) return run_ingest(*options);
    if (*report) return run_report(*options);
    return std::nullopt;
  };
}

}  // namespace dockcis::cli
