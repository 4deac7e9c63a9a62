// SPDX-License-Identifier: Apache-2.0
#include <cmath>

#include "fleet_report/fleet_render.hpp"

namespace dockcis::fleet_report {
namespace {

using nlohmann::json;
using namespace fleet;

double round2(double value) { return std::round(value * 100.0) / 100.0; }

json tally_json(const Tally& tally) {
  return {{"pass", tally.pass}, {"fail", tally.fail}, {"error", tally.error}, {"score", round2(tally.percent())}};
}

json host_json(const HostRow& host) {
  json sections = json::object();
  for (const auto& [id, tally] : host.sections) sections[id] = tally_json(tally);
  return {{"host", host.label}, {"machine_id", host.machine_id}, {"group", host.group}, {"run_id", host.run_id},
          {"started_at", host.started_at}, {"profile", host.profile_id}, {"tool_version", host.tool_version},
          {"docker_version", host.docker_version}, {"run_state", host.failed ? "failed" : "completed"},
          {"failure", host.failed ? json(host.failure) : json()}, {"score", host.failed ? json() : json(round2(host.score))},
          {"previous_score", host.previous_score ? json(round2(*host.previous_score)) : json()}, {"pass", host.tally.pass},
          {"fail", host.tally.fail}, {"error", host.tally.error}, {"stale", host.stale}, {"days_since_run", host.days_since_run},
          {"sections", std::move(sections)}};
}

json failing_check_json(const FailingCheck& check) {
  json containers = json::array();
  for (const auto& container : check.containers) {
    containers.push_back({{"host", container.host}, {"name", container.name}, {"image", container.image}});
  }
  return {{"key", check.key}, {"cis_ids", check.cis_ids}, {"title", check.title}, {"severity", check.severity},
          {"hosts_failing", check.hosts_failing}, {"hosts_error", check.hosts_error}, {"hosts_evaluated", check.hosts_evaluated},
          {"hosts", check.hosts}, {"containers_failing", check.containers_failing}, {"containers", std::move(containers)}};
}

json regression_json(const Regression& regression) {
  json changes = json::array();
  for (const auto& change : regression.changes) {
    changes.push_back({{"key", change.key}, {"cis_id", change.cis_id}, {"title", change.title}, {"old_state", change.old_state},
                       {"new_state", change.new_state}, {"old_failing_containers", change.old_failing_containers},
                       {"new_failing_containers", change.new_failing_containers}});
  }
  return {{"host", regression.host}, {"group", regression.group}, {"previous_at", regression.previous_at},
          {"latest_at", regression.latest_at}, {"previous_score", round2(regression.previous_score)},
          {"latest_score", round2(regression.latest_score)}, {"changes", std::move(changes)}};
}

json waiver_json(const WaiverRow& waiver) {
  return {{"host", waiver.host}, {"group", waiver.group}, {"id", waiver.id}, {"check", waiver.check}, {"status", waiver.status},
          {"justification", waiver.justification}, {"approver", waiver.approver}, {"ticket", waiver.ticket},
          {"expires", waiver.expires}, {"days_left", waiver.days_left}, {"expired", waiver.expired}};
}

json detail_json(const HostDetail& detail) {
  json results = json::array();
  for (const auto& result : detail.results) {
    results.push_back({{"cis_id", result.cis_id}, {"key", result.key}, {"title", result.title}, {"severity", result.severity},
                       {"state", result.state}, {"reason", result.reason}, {"waiver", result.waiver}, {"containers", result.containers}});
  }
  json history = json::array();
  for (const auto& point : detail.history) history.push_back({{"started_at", point.started_at}, {"score", round2(point.score)}});
  return {{"host", detail.host}, {"results", std::move(results)}, {"history", std::move(history)}};
}

}  // namespace

json to_json(const FleetView& view) {
  json out;
  out["schema"] = "dockcis.fleet-report/v1";
  out["generated_at"] = view.generated_at;
  out["store"] = {{"location", view.store}, {"schema_version", view.schema_version}};
  const auto& filter = view.filter;
  out["filter"] = {{"hosts", filter.host_pattern}, {"group", filter.group}, {"since", filter.since}, {"until", filter.until},
                   {"as_of", filter.as_of}, {"stale_after_days", filter.stale_after_days},
                   {"waiver_window_days", filter.waiver_window_days}};
  int stale = 0, failed = 0;
  json hosts = json::array(), stale_hosts = json::array();
  for (const auto& host : view.hosts) {
    hosts.push_back(host_json(host));
    failed += host.failed;
    if (!host.stale) continue;
    ++stale;
    stale_hosts.push_back({{"host", host.label}, {"group", host.group}, {"last_run_at", host.started_at},
                           {"days_since_run", host.days_since_run}});
  }
  out["fleet"] = tally_json(view.fleet);
  out["fleet"]["hosts"] = view.hosts.size();
  out["fleet"]["stale_hosts"] = stale;
  out["fleet"]["failed_hosts"] = failed;
  // Hosts whose newest runs all failed give no score, not a perfect one.
  if (failed > 0 && view.fleet.scored() == 0) out["fleet"]["score"] = nullptr;
  out["fleet"]["runs_in_window"] = view.runs_in_window;
  out["trend"] = json::array();
  for (const auto& point : view.trend) {
    auto entry = tally_json(point.tally);
    entry["date"] = point.date;
    entry["hosts"] = point.hosts;
    out["trend"].push_back(std::move(entry));
  }
  out["sections"] = json::array();
  for (const auto& [id, title] : view.sections) out["sections"].push_back({{"id", id}, {"title", title}});
  out["hosts"] = std::move(hosts);
  out["stale_hosts"] = std::move(stale_hosts);
  out["failing_checks"] = json::array();
  for (const auto& check : view.failing_checks) out["failing_checks"].push_back(failing_check_json(check));
  out["regressions"] = json::array();
  for (const auto& regression : view.regressions) out["regressions"].push_back(regression_json(regression));
  out["waivers"] = json::array();
  for (const auto& waiver : view.waivers) out["waivers"].push_back(waiver_json(waiver));
  out["versions"] = json::array();
  for (const auto& version : view.versions) out["versions"].push_back({{"kind", version.kind}, {"version", version.version}, {"hosts", version.hosts}});
  out["controls"] = json::array();
  for (const auto& control : view.controls) {
    out["controls"].push_back({{"framework", control.framework}, {"control", control.control}, {"checks", control.checks},
                               {"hosts_failing", control.hosts_failing}, {"sources", control.sources}});
  }
  out["details"] = json::array();
  for (const auto& detail : view.details) out["details"].push_back(detail_json(detail));
  return out;
}

std::string render_json(const FleetView& view) {
  return to_json(view).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "html") return Format::html;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  return std::nullopt;
}

std::string render(const FleetView& view, Format format) {
  switch (format) {
    case Format::html: return render_html(view);
    case Format::json: return render_json(view);
    case Format::csv: return render_csv(view);
  }
  return {};
}

}  // namespace dockcis::fleet_report
