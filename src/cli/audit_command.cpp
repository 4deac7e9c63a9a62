// SPDX-License-Identifier: Apache-2.0
#include "cli/audit_command.hpp"

#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli/catalogue_files.hpp"
#include "cli/failed_run.hpp"
#include "cli/gate.hpp"
#include "cli/host_facts.hpp"
#include "cli/report_outputs.hpp"
#include "cli/site_files.hpp"
#include "engine/audit.hpp"
#include "engine/fields_read.hpp"
#include "engine/plan.hpp"
#include "model/fact_names.hpp"
#include "util/atomic_file.hpp"
#include "util/free_memory.hpp"

namespace dockcis::cli {
namespace {

struct AuditOptions {
  CatalogueOptions catalogue;
  SelectionOptions selection;
  CollectionOptions collection;
  std::string facts_file;
  std::string format;
  std::vector<std::string> outputs;
  std::string output_dir;
  int keep = 0;
  SiteOptions site;
  std::string fail_on = "fail,error";
  std::optional<double> min_score;
  bool no_color = false;
  bool verbose = false;
  bool junit_per_instance = false;
};

bool color_wanted(bool no_color) { return !no_color && std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO) == 1; }

std::expected<engine::AuditSettings, Failure> settings_of(const AuditOptions& options) {
  auto settings = audit_settings_of(options.selection, options.site, random_run_id());
  // Two, like the rendering after it: the process keeps two malloc arenas
  // (below), and a third thread would wait for their locks.
  if (settings && std::thread::hardware_concurrency() > 1) settings->evaluation_threads = 2;
  return settings;
}

std::expected<int, Failure> audit_and_report(const AuditOptions& options, const OutputPlan& outputs,
                                             std::chrono::steady_clock::time_point started);

// The last audit's report is left for the process's exit to take back: at a
// thousand containers freeing its results one by one took 12 to 18 ms after
// every report was written. Reachable from here, it is not a leak; an
// earlier one (a process that audits twice, as the tests do) is freed.
const model::Report& kept_until_exit(model::Report report) {
  static model::Report* kept = nullptr;
  delete kept;
  kept = new model::Report(std::move(report));
  return *kept;
}

int run_audit(const AuditOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  // Two reports are rendered at once, each thread with an arena of its own:
  // sharing one, they spent half the rendering time at 5,000 containers
  // waiting for its lock. No more than two (the collection's threads share
  // them); blocks of 256 KiB and more (a report's chunks, a check's rows)
  // are mapped and given back when freed rather than kept by the arena that
  // freed them (glibc's threshold otherwise rises with each one freed); and
  // the facts' pages go back before the reports are made. The second arena
  // so costs about 5 MiB at 5,000 containers. Before any thread starts. All
  // this is for glibc's malloc (-Dallocator=system); jemalloc, the
  // default, ignores it (util::give_back_free_memory purges its arenas).
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  auto outputs = plan_outputs(options.format, options.outputs, options.output_dir);
  if (!outputs) return fail_with(outputs.error());
  outputs->keep = static_cast<std::size_t>(options.keep);
  // Nothing is collected, and nothing written, for a report that could not be saved.
  if (auto writable = check_outputs(*outputs); !writable) return fail_with(writable.error());
  // The last-resort barrier: whatever stops the run, every report asked for says so.
  const auto outcome = run_guarded([&] { return audit_and_report(options, *outputs, started); });
  if (outcome) return *outcome;
  if (outcome.error().code != kCannotRun) return fail_with(outcome.error());
  return report_failed_run(*outputs, outcome.error().message, options.selection.level, started, color_wanted(options.no_color));
}

// The exit code of an audit that wrote its reports, or why it stopped before.
std::expected<int, Failure> audit_and_report(const AuditOptions& options, const OutputPlan& outputs,
                                             std::chrono::steady_clock::time_point started) {
  const auto gate = parse_gate(options.fail_on, options.min_score);
  if (!gate) return std::unexpected(Failure{kUsageError, gate.error()});
  // The engine is asked its first questions while the catalogue loads.
  std::optional<HostCollection> host;
  if (options.facts_file.empty()) host.emplace(options.collection);
  const auto catalogue = load_catalogue(options.catalogue);
  if (!catalogue) return std::unexpected(catalogue.error());
  const auto settings = settings_of(options);
  if (!settings) return std::unexpected(settings.error());

  test_fault_point("collect");
  const auto selection = engine::selection_of(*settings);
  const auto fields = engine::fields_read(*catalogue, selection);
  auto facts = host ? host->collect(engine::plan_facts(*catalogue, selection), &fields) : read_snapshot(options.facts_file, options.collection.list_caps);
  if (!facts) return std::unexpected(facts.error());
  const auto* listed = facts->value(model::facts::engine_containers);
  const std::size_t containers = listed != nullptr && listed->is_array() ? listed->size() : 0;
  auto audited = engine::audit_releasing(*catalogue, *facts, *settings);
  if (!audited) return std::unexpected(Failure{kUsageError, audited.error().message});
  const auto& report = kept_until_exit(std::move(*audited));
  // The report holds what it says; the facts, at a thousand containers the
  // most memory besides it, go before the reports are made. On a large host
  // the pages they held go back to the system for the renderers' two arenas
  // to take (the 5,000-container bound); on a smaller one that only made the
  // renderers fault them in again (3.6 ms of a 0-container audit).
  *facts = model::FactStore();
  if (containers > util::kLargeAuditContainers) util::give_back_free_memory();

  report::RenderOptions render_options;
  render_options.verbose = options.verbose;
  render_options.junit_per_instance = options.junit_per_instance;
  render_options.duration_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (auto written = write_outputs(report, outputs, render_options, color_wanted(options.no_color)); !written) {
    return fail_with(written.error());
  }
  // One line for the journal on scheduled runs.
  if (!options.output_dir.empty()) std::cerr << gate_summary(report, *gate) << "\n";
  return exit_code_for(report, *gate);
}

struct FactsOptions {
  CatalogueOptions catalogue;
  SelectionOptions selection;
  CollectionOptions collection;
  std::string output;
};

int run_facts(const FactsOptions& options) {
  if (auto writable = check_output_file(options.output); !writable) return fail_with(writable.error());
  HostCollection host(options.collection);
  const auto catalogue = load_catalogue(options.catalogue);
  if (!catalogue) return fail_with(catalogue.error());
  engine::AuditSettings settings;
  if (options.selection.level != 0) settings.level = options.selection.level;
  settings.only = options.selection.only;
  settings.skip = options.selection.skip;
  const auto selection = engine::selection_of(settings);
  const auto fields = engine::fields_read(*catalogue, selection);
  const auto facts = host.collect(engine::plan_facts(*catalogue, selection), &fields);
  if (!facts) return fail_with(facts.error());
  // Compact: a thousand containers' documents are large enough without indentation.
  const auto content = facts->to_json().dump(-1, ' ', false, model::json::error_handler_t::replace) + "\n";
  if (options.output.empty() || options.output == "-") {
    std::cout << content;
  } else if (auto written = util::write_file_atomically(options.output, content); !written) {
    return fail_with({kCannotRun, written.error()});
  }
  return kCompliant;
}

}  // namespace

Command add_audit_command(CLI::App& app) {
  auto options = std::make_shared<AuditOptions>();
  auto* audit = app.add_subcommand("audit", "Collect facts once, evaluate the checks, report");
  add_catalogue_options(*audit, options->catalogue);
  add_selection_options(*audit, options->selection);
  add_collection_options(*audit, options->collection);
  add_list_cap_options(*audit, options->collection);
  audit->add_option("--facts", options->facts_file, "Evaluate a snapshot written by 'dockcis facts' instead of this host");
  audit->add_option("-f,--format", options->format, "Single report format on standard output: " + report::format_names());
  audit->add_option("-o,--output", options->outputs,
                    "FORMAT[=FILE], repeatable; no FILE means standard output (" + report::format_names() + ")");
  auto* output_dir =
      audit->add_option("--output-dir", options->output_dir, "Write timestamped reports and latest.* links here (scheduled runs)");
  audit->add_option("--keep", options->keep, "With --output-dir: keep the N newest report sets, remove older ones")
      ->check(CLI::PositiveNumber)
      ->needs(output_dir);
  add_site_options(*audit, options->site, "Audit running containers only (default: all, created and exited included)");
  audit->add_option("--fail-on", options->fail_on, "States and/or a severity that make exit code 1 (default fail,error)");
  audit->add_option("--min-score", options->min_score, "Exit 1 when the score (percent) is below this");
  audit->add_flag("--no-color", options->no_color, "No colour (also NO_COLOR)");
  audit->add_flag("-v,--verbose", options->verbose, "List every check in the text report");
  audit->add_flag("--junit-per-instance", options->junit_per_instance, "One JUnit testcase per container");
  audit->get_option("--facts")->excludes(audit->get_option("--socket"));
  return {audit, [options] { return run_audit(*options); }};
}

Command add_facts_command(CLI::App& app) {
  auto options = std::make_shared<FactsOptions>();
  auto* facts = app.add_subcommand("facts", "Collect the facts and write a snapshot (JSON)");
  add_catalogue_options(*facts, options->catalogue);
  add_selection_options(*facts, options->selection);
  add_collection_options(*facts, options->collection);
  add_list_cap_options(*facts, options->collection);
  facts->add_option("-o,--output", options->output, "Snapshot file (default: standard output)");
  return {facts, [options] { return run_facts(*options); }};
}

}  // namespace dockcis::cli
