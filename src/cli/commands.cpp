// SPDX-License-Identifier: Apache-2.0
#include "cli/commands.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/gate.hpp"
#include "cli/pipeline.hpp"
#include "engine/plan.hpp"
#include "report/diff.hpp"
#include "report/render.hpp"
#include "util/atomic_file.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

int fail_with(const Failure& failure) {
  std::cerr << "dockcis: " << failure.message << "\n";
  return failure.code;
}

bool color_wanted(const Options& options, int fd) {
  if (options.no_color || std::getenv("NO_COLOR") != nullptr) return false;
  return isatty(fd) == 1;
}

const model::Profile& profile_for_listing(const Options& options, const engine::Catalogue& catalogue) {
  if (const auto* profile = catalogue.find_profile(options.profile)) return *profile;
  return catalogue.profiles.back();
}

std::string describe_test(const model::Test& test, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  switch (test.kind) {
    case model::Test::Kind::predicate: {
      const auto& p = test.predicate;
      std::string line = indent + p.fact + (p.select.empty() ? "" : " " + p.select);
      if (!p.pluck.empty()) line += " (each " + p.pluck + ")";
      line += " " + p.op;
      if (!p.param.empty()) line += " parameter " + p.param;
      else if (!p.value.is_null()) line += " " + p.value.dump();
      if (p.if_missing) line += " [if missing: " + std::string(model::to_string(*p.if_missing)) + "]";
      return line + "\n";
    }
    case model::Test::Kind::negate: return indent + "not:\n" + describe_test(test.children.front(), depth + 1);
    default: {
      static const char* kNames[] = {"", "all of", "any of", "none of", "not", "first decided of"};
      std::string out = indent + kNames[static_cast<int>(test.kind)] + ":\n";
      for (const auto& child : test.children) out += describe_test(child, depth + 1);
      return out;
    }
  }
}

std::expected<std::vector<std::pair<report::Format, std::string>>, Failure> output_plan(const Options& options) {
  std::vector<std::pair<report::Format, std::string>> plan;
  for (const auto& request : options.outputs) {
    const auto format = report::parse_format(request.format);
    if (!format) {
      return std::unexpected(Failure{kUsageError, "unknown output format '" + request.format + "' (text, json, html, junit, xccdf, sarif)"});
    }
    plan.emplace_back(*format, request.file);
  }
  if (plan.empty() && options.output_dir.empty()) plan.emplace_back(report::Format::text, "");
  return plan;
}

}  // namespace

int command_audit(const Options& options) {
  const auto gate = parse_gate(options.fail_on, options.min_score);
  if (!gate) return fail_with({kUsageError, gate.error()});
  const auto outputs = output_plan(options);
  if (!outputs) return fail_with(outputs.error());
  const auto catalogue = load_catalogue(options);
  if (!catalogue) return fail_with(catalogue.error());

  auto facts = options.facts_file.empty() ? collect_facts(options, plan_for(*catalogue, selection_of(options)))
                                          : read_snapshot(options.facts_file);
  if (!facts) return fail_with(facts.error());
  const auto report = evaluate(options, *catalogue, *facts);
  if (!report) return fail_with(report.error());

  report::RenderOptions render_options;
  render_options.verbose = options.verbose;
  render_options.junit_per_instance = options.junit_per_instance;
  for (const auto& [format, file] : *outputs) {
    // With --output-dir, a format without a file name goes to the directory only.
    if (file.empty() && !options.output_dir.empty()) continue;
    render_options.color = format == report::Format::text && file.empty() && color_wanted(options, STDOUT_FILENO);
    const auto content = report::render(*report, format, render_options);
    if (file.empty() || file == "-") {
      std::cout << content << std::flush;
    } else if (auto written = util::write_file_atomically(file, content); !written) {
      return fail_with({kCannotRun, written.error()});
    }
  }
  if (!options.output_dir.empty()) {
    render_options.color = false;
    std::map<std::string, std::string> files;
    std::vector<report::Format> formats;
    for (const auto& [format, file] : *outputs) formats.push_back(format);
    if (options.outputs.empty()) formats = {report::Format::json, report::Format::html, report::Format::text};
    for (const auto format : formats) files[report::file_extension(format)] = report::render(*report, format, render_options);
    if (auto written = util::write_output_dir(options.output_dir, util::file_stamp(std::chrono::system_clock::now()), files); !written) {
      return fail_with({kCannotRun, written.error()});
    }
    // One line for the journal on scheduled runs.
    std::cerr << gate_summary(*report, *gate) << "\n";
  }
  return exit_code_for(*report, *gate);
}

int command_facts(const Options& options) {
  const auto catalogue = load_catalogue(options);
  if (!catalogue) return fail_with(catalogue.error());
  const auto facts = collect_facts(options, plan_for(*catalogue, selection_of(options)));
  if (!facts) return fail_with(facts.error());
  const auto content = facts->to_json().dump(2) + "\n";
  const std::string file = options.outputs.empty() ? "" : options.outputs.front().file;
  if (file.empty() || file == "-") {
    std::cout << content;
  } else if (auto written = util::write_file_atomically(file, content); !written) {
    return fail_with({kCannotRun, written.error()});
  }
  return kCompliant;
}

int command_validate(const Options& options) {
  const auto catalogue = load_catalogue(options);
  if (!catalogue) return fail_with(catalogue.error());
  std::size_t recommendations = 0;
  for (const auto& profile : catalogue->profiles) recommendations += profile.recommendations.size();
  std::cout << "ok: " << catalogue->checks.size() << " checks, " << catalogue->profiles.size() << " profiles ("
            << recommendations << " recommendations), " << catalogue->digest << "\n";
  return kCompliant;
}

int command_list(const Options& options) {
  const auto catalogue = load_catalogue(options);
  if (!catalogue) return fail_with(catalogue.error());
  if (!options.profile.empty() && catalogue->find_profile(options.profile) == nullptr) {
    return fail_with({kUsageError, "unknown profile '" + options.profile + "'"});
  }
  const auto& profile = profile_for_listing(options, *catalogue);
  const auto selection = selection_of(options);
  std::cout << profile.title << " (" << profile.id << ")\n";
  std::cout << "ID      LEVEL  CIS        DOCKCIS    TITLE\n";
  for (const auto& recommendation : profile.recommendations) {
    if (!engine::is_selected(recommendation, selection)) continue;
    const auto& check = catalogue->checks.at(recommendation.key);
    std::string level = recommendation.swarm ? "swarm" : std::to_string(recommendation.level);
    std::string id = recommendation.id;
    id.resize(std::max<std::size_t>(id.size(), 8), ' ');
    level.resize(7, ' ');
    std::string assessment = recommendation.assessment;
    assessment.resize(11, ' ');
    std::string mode = check.mode;
    mode.resize(11, ' ');
    std::cout << id << level << assessment << mode << recommendation.title << "\n";
  }
  return kCompliant;
}

int command_explain(const Options& options) {
  const auto catalogue = load_catalogue(options);
  if (!catalogue) return fail_with(catalogue.error());
  const auto& profile = profile_for_listing(options, *catalogue);
  const model::Recommendation* recommendation = nullptr;
  for (const auto& r : profile.recommendations) {
    if (r.id == options.explain_id || r.key == options.explain_id) recommendation = &r;
  }
  if (recommendation == nullptr) {
    return fail_with({kUsageError, "no recommendation or check '" + options.explain_id + "' in " + profile.id});
  }
  const auto& check = catalogue->checks.at(recommendation->key);
  std::ostringstream out;
  out << recommendation->id << "  " << recommendation->title << "\n";
  out << "key: " << check.key << "    profile: " << profile.id << "    level: "
      << (recommendation->swarm ? "1 (swarm)" : std::to_string(recommendation->level)) << "    CIS assessment: "
      << recommendation->assessment << "    dockcis: " << check.mode << "    severity: " << check.severity << "\n\n";
  out << "Description\n  " << check.description << "\n\n";
  if (!check.rationale.empty()) out << "Rationale\n  " << check.rationale << "\n\n";
  const auto facts = engine::plan_facts({&check});
  out << "Facts read\n";
  for (const auto& fact : facts) {
    if (fact != "engine.version" && fact != "engine.info" && fact != "host.identity" && fact != "host.kernel" && fact != "scanner.self") {
      out << "  " << fact << "\n";
    }
  }
  out << "\nHow it decides\n";
  if (!check.decides.empty()) out << "  " << check.decides << "\n";
  if (!check.for_each.empty()) out << "  For each of: " << check.for_each << " (fails if any fails; none: notapplicable)\n";
  if (check.applies_if) out << "  Applies if:\n" << describe_test(*check.applies_if, 2);
  if (check.test) out << "  Test:\n" << describe_test(*check.test, 2);
  out << "\nRemediation\n  " << check.remediation << "\n";
  if (!check.references.empty()) {
    out << "\nReferences\n";
    for (const auto& reference : check.references) out << "  " << reference << "\n";
  }
  if (!check.controls.empty()) {
    out << "\nControls\n";
    for (const auto& control : check.controls) out << "  " << control.framework << " " << control.id << "  (source: " << control.source << ")\n";
  }
  std::cout << out.str();
  return kCompliant;
}

}  // namespace dockcis::cli

namespace dockcis::cli {

int command_diff(const Options& options) {
  auto read = [](const std::string& path) -> std::expected<model::json, Failure> {
    std::ifstream in(path);
    if (!in) return std::unexpected(Failure{kUsageError, "cannot read report " + path});
    try {
      return model::json::parse(in);
    } catch (const model::json::exception& error) {
      return std::unexpected(Failure{kUsageError, path + " is not valid JSON: " + error.what()});
    }
  };
  const auto older = read(options.diff_old);
  if (!older) return fail_with(older.error());
  const auto newer = read(options.diff_new);
  if (!newer) return fail_with(newer.error());
  const auto diff = report::diff_reports(*older, *newer);
  if (!diff) return fail_with({kUsageError, diff.error()});
  if (options.diff_format == "json") std::cout << report::diff_to_json(*diff).dump(2) << "\n";
  else std::cout << report::render_diff_text(*diff);
  // Something that passed now fails: that is a finding.
  return diff->regressions.empty() ? kCompliant : kFindings;
}

}  // namespace dockcis::cli
