// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <variant>

#include "fleet_report/fleet_render.hpp"
#include "report/clean_text.hpp"
#include "util/strings.hpp"

namespace dockcis::fleet_report {
namespace {

using namespace fleet;

/// A CSV cell: text (quoted, cleaned) or a number (as is).
using Cell = std::variant<std::string, long long, double>;

// Host-provided text could start a spreadsheet formula; a leading quote keeps it text.
std::string text_cell(const std::string& raw) {
  auto text = report::clean_text(raw);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) text.insert(0, "'");
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

class CsvWriter {
 public:
  void table(const char* name, std::initializer_list<const char*> columns) {
    if (!first_) out_ << "\r\n";
    first_ = false;
    name_ = name;
    out_ << "table";
    for (const char* column : columns) out_ << "," << column;
    out_ << "\r\n";
  }
  void row(std::initializer_list<Cell> cells) {
    out_ << name_;
    for (const auto& cell : cells) {
      out_ << ",";
      if (const auto* text = std::get_if<std::string>(&cell)) out_ << text_cell(*text);
      else if (const auto* number = std::get_if<long long>(&cell)) out_ << *number;
      else out_ << util::fixed(std::get<double>(cell), 2);
    }
    out_ << "\r\n";
  }
  [[nodiscard]] std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::string name_;
  bool first_ = true;
};

long long n(std::int64_t value) { return value; }

void hosts_tables(CsvWriter& csv, const FleetView& view) {
  csv.table("hosts", {"host", "machine_id", "group", "run_id", "started_at", "profile", "tool_version", "docker_version", "score",
                      "previous_score", "pass", "fail", "error", "stale", "days_since_run", "run_state", "failure"});
  for (const auto& host : view.hosts) {
    csv.row({host.label, host.machine_id, host.group, host.run_id, host.started_at, host.profile_id, host.tool_version,
             host.docker_version, host.failed ? Cell{std::string()} : Cell{host.score},
             host.previous_score ? Cell{*host.previous_score} : Cell{std::string()}, n(host.tally.pass), n(host.tally.fail),
             n(host.tally.error), std::string(host.stale ? "true" : "false"), n(host.days_since_run),
             std::string(host.failed ? "failed" : "completed"), host.failure});
  }
  csv.table("heatmap", {"host", "section", "title", "pass", "fail", "error", "score"});
  for (const auto& host : view.hosts) {
    for (const auto& [id, title] : view.sections) {
      const auto found = host.sections.find(id);
      if (found == host.sections.end()) continue;
      const auto& tally = found->second;
      csv.row({host.label, id, title, n(tally.pass), n(tally.fail), n(tally.error), tally.percent()});
    }
  }
  csv.table("stale_hosts", {"host", "group", "last_run_at", "days_since_run"});
  for (const auto& host : view.hosts) {
    if (host.stale) csv.row({host.label, host.group, host.started_at, n(host.days_since_run)});
  }
}

void finding_tables(CsvWriter& csv, const FleetView& view) {
  csv.table("failing_checks", {"key", "cis_ids", "title", "severity", "hosts_failing", "hosts_error", "hosts_evaluated", "containers_failing"});
  for (const auto& check : view.failing_checks) {
    csv.row({check.key, check.cis_ids, check.title, check.severity, n(check.hosts_failing), n(check.hosts_error), n(check.hosts_evaluated),
             n(check.containers_failing)});
  }
  csv.table("failing_containers", {"key", "host", "container", "image"});
  for (const auto& check : view.failing_checks) {
    for (const auto& container : check.containers) csv.row({check.key, container.host, container.name, container.image});
  }
  csv.table("regressions", {"host", "group", "previous_at", "latest_at", "previous_score", "latest_score", "key", "cis_id", "old_state",
                            "new_state", "old_failing_containers", "new_failing_containers"});
  for (const auto& regression : view.regressions) {
    if (regression.changes.empty()) {
      csv.row({regression.host, regression.group, regression.previous_at, regression.latest_at, regression.previous_score,
               regression.latest_score, std::string(), std::string(), std::string(), std::string(), 0LL, 0LL});
    }
    for (const auto& change : regression.changes) {
      csv.row({regression.host, regression.group, regression.previous_at, regression.latest_at, regression.previous_score,
               regression.latest_score, change.key, change.cis_id, change.old_state, change.new_state, n(change.old_failing_containers),
               n(change.new_failing_containers)});
    }
  }
  csv.table("waivers", {"host", "group", "id", "check", "status", "justification", "approver", "ticket", "expires", "days_left", "expired"});
  for (const auto& waiver : view.waivers) {
    csv.row({waiver.host, waiver.group, waiver.id, waiver.check, waiver.status, waiver.justification, waiver.approver, waiver.ticket,
             waiver.expires, n(waiver.days_left), std::string(waiver.expired ? "true" : "false")});
  }
  csv.table("controls", {"framework", "control", "checks", "hosts_failing", "sources"});
  for (const auto& control : view.controls) {
    csv.row({control.framework, control.control, util::join(control.checks, " "), n(control.hosts_failing), control.sources});
  }
}

void detail_tables(CsvWriter& csv, const FleetView& view) {
  csv.table("results", {"host", "cis_id", "key", "title", "severity", "state", "reason", "waiver", "containers"});
  for (const auto& detail : view.details) {
    for (const auto& result : detail.results) {
      csv.row({detail.host, result.cis_id, result.key, result.title, result.severity, result.state, result.reason, result.waiver,
               util::join(result.containers, "; ")});
    }
  }
  csv.table("history", {"host", "started_at", "score"});
  for (const auto& detail : view.details) {
    for (const auto& point : detail.history) csv.row({detail.host, point.started_at, point.score});
  }
}

}  // namespace

std::string render_csv(const FleetView& view) {
  CsvWriter csv;
  csv.table("fleet", {"hosts", "stale_hosts", "runs_in_window", "pass", "fail", "error", "score", "since", "until", "as_of",
                      "failed_hosts"});
  long long stale = 0, failed = 0;
  for (const auto& host : view.hosts) {
    stale += host.stale;
    failed += host.failed;
  }
  csv.row({static_cast<long long>(view.hosts.size()), stale, n(view.runs_in_window), n(view.fleet.pass), n(view.fleet.fail),
           n(view.fleet.error), view.fleet.scored() == 0 && failed > 0 ? Cell{std::string()} : Cell{view.fleet.percent()},
           view.filter.since, view.filter.until, view.filter.as_of, failed});
  csv.table("trend", {"date", "hosts", "pass", "fail", "error", "score"});
  for (const auto& point : view.trend) {
    csv.row({point.date, n(point.hosts), n(point.tally.pass), n(point.tally.fail), n(point.tally.error), point.tally.percent()});
  }
  hosts_tables(csv, view);
  finding_tables(csv, view);
  csv.table("versions", {"kind", "version", "hosts"});
  for (const auto& version : view.versions) csv.row({version.kind, version.version, n(version.hosts)});
  detail_tables(csv, view);
  return csv.str();
}

}  // namespace dockcis::fleet_report
