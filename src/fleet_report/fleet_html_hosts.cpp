// SPDX-License-Identifier: Apache-2.0
#include "fleet_report/fleet_html.hpp"
#include "report/html_dom.hpp"
#include "report/html_text.hpp"
#include "util/strings.hpp"

namespace dockcis::fleet_report::html {
namespace {

using namespace report::html;
using namespace fleet;

void facts(pugi::xml_node parent, const HostRow& host) {
  auto list = add(parent, "dl", "meta");
  auto item = [&](const std::string& term, const std::string& value) {
    auto wrap = add(list, "div");
    add_text(wrap, "dt", term);
    add_text(wrap, "dd", value);
  };
  item("Machine id", host.machine_id);
  item("Group", host.group.empty() ? "(none)" : host.group);
  item("Newest run", host.started_at + " (" + host.run_id + ")" + (host.failed ? ": failed" : ""));
  item("Benchmark", host.profile_id);
  item("dockcis", host.tool_version);
  item("Docker", host.docker_version);
  item("Score", (host.failed ? std::string("none: the run failed") : percent_text(host.score)) +
                   (host.previous_score ? " (previous run " + percent_text(*host.previous_score) + ")" : ""));
}

void results_table(pugi::xml_node parent, const HostRow& host, const HostDetail& detail) {
  if (host.failed) {
    add_text(parent, "p", "The newest run (" + host.started_at + ") could not audit: " + host.failure +
                              ". It has no results; the score history shows the runs that completed.", "failed-run");
    return;
  }
  if (detail.results.empty()) {
    add_text(parent, "p", "Nothing failed, errored or was waived in the newest run.");
    return;
  }
  auto table = add(parent, "table", "results");
  header_row(table, {"CIS id", "Check", "Severity", "State", "Reason", "Containers"});
  for (const auto& result : detail.results) {
    auto row = add(table, "tr");
    add_text(row, "td", result.cis_id, "id");
    auto what = add(row, "td");
    add_text(what, "div", result.title);
    add_text(what, "code", result.key, "muted");
    add_text(row, "td", result.severity, "sev v-" + result.severity);
    auto state = add(row, "td");
    add_text(state, "span", result.state, "state s-" + result.state);
    add_text(row, "td", result.reason + (result.waiver.empty() ? "" : " (waiver " + result.waiver + ")"));
    add_text(row, "td", util::join(result.containers, ", "));
  }
}

}  // namespace

void host_details(pugi::xml_node main, const FleetView& view) {
  auto section = add(main, "section");
  set_attribute(section, "id", "hosts");
  add_text(section, "h2", "Hosts");
  add_text(section, "p", "Each host's newest run: what failed, errored or was waived, and its score over the window. "
                         "The host's own report has every result and its evidence.", "muted");
  for (std::size_t i = 0; i < view.hosts.size() && i < view.details.size(); ++i) {
    const auto& host = view.hosts[i];
    const auto& detail = view.details[i];
    auto block = add(section, "details", "host");
    set_attribute(block, "id", host_anchor(host.label));
    mark_host(block, host.label, host.group);
    auto summary = add(block, "summary");
    add_text(summary, "span", host.label, "hname");
    add_text(summary, "span", host.failed ? "run failed" : percent_text(host.score), "hscore");
    add_text(summary, "span", (host.failed ? "could not audit: " + host.failure
                                           : std::to_string(host.tally.fail) + " fail, " + std::to_string(host.tally.error) + " error") +
                                  (host.stale ? ", stale" : ""), "muted");
    auto body = add(block, "div", "body");
    facts(body, host);
    std::vector<std::pair<std::string, double>> points;
    for (const auto& point : detail.history) points.emplace_back(point.started_at, point.score);
    add_text(body, "h4", "Score history");
    score_chart(body, points, 600, 140, "Score history of " + host.label, false);
    add_text(body, "h4", "Newest results needing attention");
    results_table(body, host, detail);
  }
}

}  // namespace dockcis::fleet_report::html
