// SPDX-License-Identifier: Apache-2.0
// Failing checks, regressions, waivers, controls and per-host results of the
// hosts' newest runs (and, for regressions, the run before).
#include <algorithm>
#include <set>
#include <unordered_map>

#include "fleet/queries.hpp"
#include "util/strings.hpp"

namespace dockcis::fleet::detail {
namespace {

bool bad(const std::string& state) { return state == "fail" || state == "error"; }

// CIS ids in document order: "5.2" before "5.10".
bool cis_before(const std::string& a, const std::string& b) {
  const auto left = util::split(a, '.');
  const auto right = util::split(b, '.');
  for (std::size_t i = 0; i < std::min(left.size(), right.size()); ++i) {
    if (left[i] == right[i]) continue;
    return left[i].size() != right[i].size() ? left[i].size() < right[i].size() : left[i] < right[i];
  }
  return left.size() < right.size();
}

struct Finding {
  std::int64_t run_row = 0;
  std::int64_t check_id = 0;
  HostResult result;
  int failing_containers = 0;
};

struct Context {
  std::unordered_map<std::int64_t, std::size_t> host_of_run;       ///< newest run row -> index in view.hosts
  std::unordered_map<std::int64_t, std::size_t> host_of_previous;  ///< previous run row -> index in view.hosts
  std::vector<std::int64_t> runs;
  std::vector<std::int64_t> previous_runs;
  std::vector<Finding> findings;
};

// The catalogue's entry for a check, when it has one (FleetFilter::catalogue).
const CatalogueText::Check* catalogue_check(const FleetView& view, const std::string& key) {
  if (view.filter.catalogue == nullptr) return nullptr;
  const auto found = view.filter.catalogue->checks.find(key);
  return found == view.filter.catalogue->checks.end() ? nullptr : &found->second;
}

std::expected<void, DbError> load_findings(Database& database, const FleetView& view, Context& context) {
  const auto rows = database.query(
      "SELECT res.run_id, res.check_id, c.check_key, c.title, res.cis_id, res.severity, res.state, res.reason, res.waiver, "
      "res.instances_failing FROM results res JOIN checks c ON c.id = res.check_id WHERE res.state IN ('fail', 'error', 'waived') "
      "AND res.run_id IN " + id_list(context.runs) + " ORDER BY res.run_id, res.cis_id");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& row : *rows) {
    Finding finding;
    finding.run_row = as_int(row[0]);
    finding.check_id = as_int(row[1]);
    finding.result = {as_text(row[4]), as_text(row[2]), as_text(row[3]), as_text(row[5]), as_text(row[6]), as_text(row[7]),
                      as_text(row[8]), {}};
    if (const auto* known = catalogue_check(view, finding.result.key)) {
      // The title in the host's benchmark version, as its own report has it.
      const auto& profile = view.hosts[context.host_of_run.at(finding.run_row)].profile_id;
      const auto in_profile = known->titles.find(profile);
      finding.result.title = in_profile == known->titles.end() ? known->title : in_profile->second;
    }
    finding.failing_containers = static_cast<int>(as_int(row[9]));
    context.findings.push_back(std::move(finding));
  }
  return {};
}

std::expected<void, DbError> add_failing_checks(Database& database, FleetView& view, Context& context) {
  std::map<std::int64_t, FailingCheck> checks;
  std::map<std::int64_t, std::set<std::string>> cis_ids;
  for (const auto& finding : context.findings) {
    if (!bad(finding.result.state)) continue;
    auto& check = checks[finding.check_id];
    check.key = finding.result.key;
    // Across hosts: the catalogue's title (its newest benchmark's) and severity, else the last host's word.
    const auto* known = catalogue_check(view, finding.result.key);
    check.title = known != nullptr ? known->title : finding.result.title;
    check.severity = known != nullptr ? known->severity : finding.result.severity;
    cis_ids[finding.check_id].insert(finding.result.cis_id);
    (finding.result.state == "fail" ? check.hosts_failing : check.hosts_error) += 1;
    check.hosts.push_back(view.hosts[context.host_of_run.at(finding.run_row)].label);
  }
  if (checks.empty()) return {};
  const auto evaluated = database.query("SELECT check_id, COUNT(*) FROM results WHERE state IN ('pass', 'fail', 'error') AND run_id IN " +
                                        id_list(context.runs) + " GROUP BY check_id");
  if (!evaluated) return std::unexpected(evaluated.error());
  for (const auto& row : *evaluated) {
    if (auto found = checks.find(as_int(row[0])); found != checks.end()) found->second.hosts_evaluated = static_cast<int>(as_int(row[1]));
  }
  const auto containers = database.query("SELECT run_id, check_id, name, image, state FROM instances WHERE state IN ('fail', 'error', "
                                         "'waived') AND run_id IN " + id_list(context.runs) + " ORDER BY run_id, check_id, position");
  if (!containers) return std::unexpected(containers.error());
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::string>> by_result;
  for (const auto& row : *containers) {
    const auto run = as_int(row[0]);
    const auto check = as_int(row[1]);
    const auto& host = view.hosts[context.host_of_run.at(run)].label;
    by_result[{run, check}].push_back(as_text(row[2]) + " (" + as_text(row[4]) + ")");
    if (as_text(row[4]) != "fail") continue;
    if (auto found = checks.find(check); found != checks.end()) {
      ++found->second.containers_failing;
      if (found->second.containers.size() < view.filter.containers_per_check) found->second.containers.push_back({host, as_text(row[2]), as_text(row[3])});
    }
  }
  for (auto& finding : context.findings) {
    if (auto found = by_result.find({finding.run_row, finding.check_id}); found != by_result.end()) finding.result.containers = found->second;
  }
  for (auto& [id, check] : checks) {
    check.cis_ids = util::join(std::vector<std::string>(cis_ids[id].begin(), cis_ids[id].end()), ", ");
    view.failing_checks.push_back(std::move(check));
  }
  std::ranges::stable_sort(view.failing_checks, [](const FailingCheck& a, const FailingCheck& b) {
    return a.hosts_failing + a.hosts_error > b.hosts_failing + b.hosts_error;
  });
  return {};
}

std::expected<void, DbError> add_regressions(Database& database, FleetView& view, Context& context) {
  std::set<std::int64_t> failing_checks;
  for (const auto& finding : context.findings) {
    if (bad(finding.result.state)) failing_checks.insert(finding.check_id);
  }
  // Previous state of every check that is bad now, on each host that has a previous run.
  std::map<std::pair<std::size_t, std::int64_t>, std::pair<std::string, int>> before;
  if (!context.previous_runs.empty() && !failing_checks.empty()) {
    const auto rows = database.query("SELECT run_id, check_id, state, instances_failing FROM results WHERE run_id IN " +
                                     id_list(context.previous_runs) + " AND check_id IN " +
                                     id_list(std::vector<std::int64_t>(failing_checks.begin(), failing_checks.end())));
    if (!rows) return std::unexpected(rows.error());
    for (const auto& row : *rows) {
      before[{context.host_of_previous.at(as_int(row[0])), as_int(row[1])}] = {as_text(row[2]), static_cast<int>(as_int(row[3]))};
    }
  }
  std::map<std::size_t, Regression> regressions;
  for (const auto& finding : context.findings) {
    const auto index = context.host_of_run.at(finding.run_row);
    const auto found = before.find({index, finding.check_id});
    if (!bad(finding.result.state) || found == before.end()) continue;
    const auto& [old_state, old_failing] = found->second;
    if (bad(old_state) && finding.failing_containers <= old_failing) continue;
    regressions[index].changes.push_back({finding.result.key, finding.result.cis_id, finding.result.title, old_state,
                                          finding.result.state, old_failing, finding.failing_containers});
  }
  for (std::size_t index = 0; index < view.hosts.size(); ++index) {
    const auto& host = view.hosts[index];
    // A failed run has no score to compare: the hosts table says it failed.
    const bool worse_score = !host.failed && host.previous_score && host.score < *host.previous_score;
    if (!regressions.contains(index) && !worse_score) continue;
    auto& regression = regressions[index];
    regression.host = host.label;
    regression.group = host.group;
    regression.previous_at = host.previous_started_at;
    regression.latest_at = host.started_at;
    regression.latest_score = host.score;
    regression.previous_score = host.previous_score.value_or(host.score);
    view.regressions.push_back(std::move(regression));
  }
  return {};
}

std::expected<void, DbError> add_waivers(Database& database, FleetView& view, Context& context) {
  const auto rows = database.query("SELECT run_id, waiver_id, check_key, status, justification, approver, ticket, expires FROM waivers "
                                   "WHERE run_id IN " + id_list(context.runs) + " ORDER BY run_id, waiver_id");
  if (!rows) return std::unexpected(rows.error());
  const auto today = view.filter.as_of.substr(0, 10);
  for (const auto& row : *rows) {
    const auto& host = view.hosts[context.host_of_run.at(as_int(row[0]))];
    WaiverRow waiver{host.label, host.group, as_text(row[1]), as_text(row[2]), as_text(row[3]), as_text(row[4]),
                     as_text(row[5]), as_text(row[6]), as_text(row[7]), 0, false};
    if (waiver.expires == "never") continue;
    waiver.days_left = days_between(today + "T00:00:00Z", waiver.expires + "T00:00:00Z");
    // A waiver is valid through its expiry date, as the audit applies it. An
    // expiry that names no day (older waiver files took "2026-13-45") is
    // shown as expired: no count of days left would be true.
    const bool real_date = !normalise_time(waiver.expires, false).empty();
    waiver.expired = waiver.status == "expired" || waiver.expires < today || !real_date;
    if (waiver.expired || waiver.days_left <= view.filter.waiver_window_days) view.waivers.push_back(std::move(waiver));
  }
  std::ranges::stable_sort(view.waivers, [](const WaiverRow& a, const WaiverRow& b) { return a.days_left < b.days_left; });
  return {};
}

std::expected<void, DbError> add_controls(Database& database, FleetView& view, Context& context) {
  const auto rows = database.query("SELECT check_id, framework, control, source FROM check_controls ORDER BY framework, control");
  if (!rows) return std::unexpected(rows.error());
  std::map<std::int64_t, std::set<std::size_t>> hosts_failing;
  std::map<std::int64_t, std::string> key_of;
  for (const auto& finding : context.findings) {
    if (finding.result.state != "fail") continue;
    hosts_failing[finding.check_id].insert(context.host_of_run.at(finding.run_row));
    key_of[finding.check_id] = finding.result.key;
  }
  std::map<std::pair<std::string, std::string>, std::pair<ControlRow, std::set<std::size_t>>> controls;
  const auto add = [&](std::int64_t check, const std::set<std::size_t>& failing, const StoredControl& mapped) {
    auto& [control, hosts] = controls[{mapped.framework, mapped.id}];
    control.framework = mapped.framework;
    control.control = mapped.id;
    if (std::ranges::find(control.checks, key_of[check]) == control.checks.end()) control.checks.push_back(key_of[check]);
    if (control.sources.find(mapped.source) == std::string::npos) control.sources += (control.sources.empty() ? "" : "; ") + mapped.source;
    hosts.insert(failing.begin(), failing.end());
  };
  // A check the catalogue knows is mapped as the catalogue maps it; the store's mapping serves the others.
  for (const auto& row : *rows) {
    const auto check = as_int(row[0]);
    const auto failing = hosts_failing.find(check);
    if (failing == hosts_failing.end() || catalogue_check(view, key_of[check]) != nullptr) continue;
    add(check, failing->second, {as_text(row[1]), as_text(row[2]), as_text(row[3])});
  }
  for (const auto& [check, failing] : hosts_failing) {
    if (const auto* known = catalogue_check(view, key_of[check])) {
      for (const auto& mapped : known->controls) add(check, failing, mapped);
    }
  }
  for (auto& [name, entry] : controls) {
    entry.first.hosts_failing = static_cast<int>(entry.second.size());
    view.controls.push_back(std::move(entry.first));
  }
  std::ranges::stable_sort(view.controls, [](const ControlRow& a, const ControlRow& b) { return a.hosts_failing > b.hosts_failing; });
  return {};
}

}  // namespace

std::expected<void, DbError> add_findings(Database& database, FleetView& view) {
  Context context;
  for (std::size_t i = 0; i < view.hosts.size(); ++i) {
    context.runs.push_back(view.hosts[i].run_row);
    context.host_of_run[view.hosts[i].run_row] = i;
    if (const auto previous = view.hosts[i].previous_run_row) {
      context.previous_runs.push_back(*previous);
      context.host_of_previous[*previous] = i;
    }
  }
  if (auto done = load_findings(database, view, context); !done) return done;
  for (auto step : {add_failing_checks, add_regressions, add_waivers, add_controls}) {
    if (auto done = step(database, view, context); !done) return done;
  }
  for (auto& finding : context.findings) {
    view.details[context.host_of_run.at(finding.run_row)].results.push_back(std::move(finding.result));
  }
  for (auto& detail : view.details) {
    std::ranges::stable_sort(detail.results, [](const HostResult& a, const HostResult& b) { return cis_before(a.cis_id, b.cis_id); });
  }
  return {};
}

}  // namespace dockcis::fleet::detail
