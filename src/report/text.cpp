// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <array>
#include <span>
#include <sstream>

#include "report/clean_text.hpp"
#include "report/grouping.hpp"
#include "report/hints.hpp"
#include "report/render.hpp"
#include "report/setting_text.hpp"
#include "report/values.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;

struct Palette {
  bool on;
  std::string paint(std::string_view text, const char* code) const {
    return on ? std::string("\033[") + code + "m" + std::string(text) + "\033[0m" : std::string(text);
  }
};

const char* state_color(State state) {
  switch (state) {
    case State::pass: return "32";
    case State::fail: return "31";
    case State::error: return "35";
    case State::manual: return "33";
    case State::waived: return "36";
    default: return "2";
  }
}

std::string label(State state) { return util::to_upper(model::to_string(state)); }

// Host-provided text (names, labels, paths) never reaches the terminal raw;
// check texts go through the same filter, as a tailoring file can change them.
std::string safe(std::string_view text) { return clean_text(text); }

void write_evidence(std::ostream& out, const std::vector<model::Evidence>& evidence, const std::string& indent) {
  for (const auto& item : evidence) {
    out << indent << safe(item.label().empty() ? item.fact() + item.select() : item.label()) << ": ";
    if (!item.note.empty() && item.actual.is_null()) {
      out << safe(item.note) << "\n";
      continue;
    }
    out << safe(value_text(item.actual));
    if (!item.op().empty()) out << "  (expected " << safe(expectation_text(item)) << ")";
    if (!item.note.empty()) out << "  [" << safe(item.note) << "]";
    out << "\n";
  }
}

int count_of(const model::Summary& summary, State state) {
  const auto found = summary.counts.find(state);
  return found == summary.counts.end() ? 0 : found->second;
}

void write_header(std::ostream& out, const model::Report& report, const Palette& color) {
  const auto& summary = report.summary;
  out << color.paint("dockcis", "1") << " " << safe(report.tool.value("version", "")) << "  " << safe(report.profile_title) << " ("
      << safe(report.profile_id) << "), level " << safe(report.level) << "\n";
  out << "Host " << safe(host_text(report, "hostname", "?")) << "  Docker " << safe(host_text(report, "docker_version", "?")) << " (API "
      << safe(host_text(report, "api_version", "?")) << ")" << (host_text(report, "rootless") == "true" ? ", rootless" : "") << "  "
      << safe(report.started_at) << "\n\n";
  const double score = summary.total.percent();
  out << color.paint("Score " + util::fixed(score, 1) + "%", score >= 100.0 ? "1;32" : (score >= 80.0 ? "1;33" : "1;31"));
  out << "  (before waivers " << util::fixed(summary.before_waivers.percent(), 1) << "%)";
  out << "  pass " << summary.total.pass << " of " << summary.total.pass + summary.total.fail + summary.total.error << " scored\n";
  for (State state : model::kAllStates) {
    out << "  " << color.paint(label(state), state_color(state)) << " " << count_of(summary, state);
  }
  out << "\n";
  if (summary.failed_by_severity.empty()) return;
  out << "Failed by severity:";
  for (auto severity = model::kAllSeverities.rbegin(); severity != model::kAllSeverities.rend(); ++severity) {
    const auto found = summary.failed_by_severity.find(*severity);
    if (found != summary.failed_by_severity.end()) out << "  " << model::to_string(*severity) << " " << found->second;
  }
  out << "\n";
}

// Instances failing for the same reason on one line, a handful of names each
// (all of them, and each one's evidence, with --verbose).
void write_groups(std::ostream& out, const model::CheckResult& result, const Palette& color, bool verbose) {
  constexpr std::size_t kNamesShown = 5;
  // Reasons that name per-container values (a mount, a port) can make as many
  // groups as containers: the largest few, then the rest in one line.
  constexpr std::size_t kGroupsShown = 5;
  constexpr std::array kShown{State::fail, State::error};
  const auto groups = group_instances(result.instances, kShown);
  const auto shown = verbose ? groups.size() : std::min(groups.size(), kGroupsShown);
  for (const auto& group : std::span(groups).first(shown)) {
    // One group: the check's reason above already says why.
    out << "       - " << color.paint(label(group.state), state_color(group.state)) << " "
        << (groups.size() == 1 ? std::string() : safe(group.reason) + ": ")
        << share_text(group.members.size(), result.instances.size(), result.collection) << ": "
        << safe(member_names(group, verbose ? 0 : kNamesShown)) << "\n";
    if (group.state == State::error) {
      if (const auto hint = hint_for(group.members.front()->error_kind, group.reason); !hint.empty()) {
        out << "         Hint: " << hint << "\n";
      }
    }
    if (!verbose) continue;
    for (const auto* member : group.members) {
      out << "           " << safe(member->name().empty() ? member->id().substr(0, 12) : member->name())
          << (member->image().empty() ? "" : " (" + safe(member->image()) + ")") << "\n";
      write_evidence(out, member->evidence, "             ");
    }
  }
  if (shown < groups.size()) {
    out << "       - " << safe(rest_text(std::span(groups).subspan(shown), result.collection)) << " (all with --verbose)\n";
  }
}

void write_failure(std::ostream& out, const model::CheckResult& result, const Palette& color, bool verbose) {
  out << "  " << color.paint(label(result.state), state_color(result.state)) << " " << safe(result.id) << " "
      << safe(result.title) << "  [" << model::to_string(result.severity) << "]\n";
  // The reason already says what was found; --verbose adds every fact read.
  out << "       " << safe(result.reason) << "\n";
  if (result.instances.empty()) {
    if (verbose) write_evidence(out, result.evidence, "         ");
  } else {
    write_groups(out, result, color, verbose);
  }
  if (result.setting) out << "       Sources: " << safe(sources_line(*result.setting)) << "\n";
  if (!result.remediation.empty()) out << "       Fix: " << safe(result.remediation) << "\n";
}

void write_failures(std::ostream& out, const model::Report& report, const Palette& color, bool verbose) {
  std::string current_section;
  bool any_failure = false;
  for (const auto& [section_id, section_title] : report.sections) {
    for (const auto& result : report.results) {
      if (result.section != section_id || result.state != State::fail) continue;
      if (!any_failure) out << "\n" << color.paint("Failures", "1") << "\n";
      any_failure = true;
      if (current_section != section_id) {
        out << "\n" << color.paint(safe(section_id + " " + section_title), "1") << "\n";
        current_section = section_id;
      }
      write_failure(out, result, color, verbose);
    }
  }
}

// A daemon option whose sources disagree is a hazard even when the check
// passes: the next restart may take the other value, or refuse to start.
void write_conflicts(std::ostream& out, const model::Report& report, const Palette& color) {
  bool any_conflict = false;
  for (const auto& result : report.results) {
    if (result.state == State::fail || !result.setting || !result.setting->conflict) continue;
    if (!any_conflict) out << "\n" << color.paint("Daemon settings whose sources disagree", "1") << "\n";
    any_conflict = true;
    out << "  " << color.paint(label(result.state), state_color(result.state)) << " " << safe(result.id) << " " << safe(result.title) << "\n";
    out << "       Sources: " << safe(sources_line(*result.setting)) << "\n";
  }
}

void write_errors(std::ostream& out, const model::Report& report, const Palette& color) {
  bool any_error = false;
  for (const auto& result : report.results) {
    if (result.state != State::error) continue;
    if (!any_error) out << "\n" << color.paint("Could not decide", "1") << "\n";
    any_error = true;
    out << "  " << color.paint(label(State::error), state_color(State::error)) << " " << safe(result.id) << " " << safe(result.title) << "\n";
    out << "       " << safe(result.reason) << "\n";
    if (const auto hint = hint_for(result.error_kind, result.reason); !hint.empty()) out << "       Hint: " << hint << "\n";
  }
  if (report.errors.empty()) return;
  out << "\n" << color.paint("Facts that could not be read", "1") << "\n";
  for (const auto& error : report.errors) {
    out << "  " << safe(error.fact + ": " + error.message) << "\n";
    if (const auto hint = hint_for(error.kind, error.message); !hint.empty()) out << "       Hint: " << hint << "\n";
  }
}

void write_listings(std::ostream& out, const model::Report& report, const Palette& color, bool verbose) {
  if (count_of(report.summary, State::manual) > 0) {
    out << "\n" << color.paint("For review (manual)", "1") << "\n";
    for (const auto& result : report.results) {
      if (result.state == State::manual) out << "  " << safe(result.id) << " " << safe(result.title) << "\n";
    }
  }
  if (verbose) {
    out << "\n" << color.paint("All recommendations", "1") << "\n";
    for (const auto& result : report.results) {
      std::string state = label(result.state);
      state.resize(13, ' ');
      out << "  " << color.paint(state, state_color(result.state)) << " " << safe(result.id) << " " << safe(result.title);
      if (!result.reason.empty() && result.state != State::pass) out << "  -- " << safe(result.reason);
      out << "\n";
    }
  }
  if (report.waivers.empty()) return;
  out << "\n" << color.paint("Waivers", "1") << "\n";
  for (const auto& waiver : report.waivers) {
    const auto field = [&](const char* name) {
      const auto found = waiver.find(name);
      return found == waiver.end() || found->is_null() ? std::string() : safe(value_text(*found));
    };
    out << "  " << field("id") << " " << field("check") << ": " << field("status") << " (expires " << field("expires") << ")\n";
  }
}

}  // namespace

std::string render_text(const model::Report& report, const RenderOptions& options) {
  const Palette color{options.color};
  std::ostringstream out;
  write_header(out, report, color);
  write_failures(out, report, color, options.verbose);
  write_conflicts(out, report, color);
  write_errors(out, report, color);
  write_listings(out, report, color, options.verbose);
  return out.str();
}

}  // namespace dockcis::report
