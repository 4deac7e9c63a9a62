// SPDX-License-Identifier: Apache-2.0
#include "fleet_report/fleet_html.hpp"
#include "report/html_dom.hpp"
#include "report/html_text.hpp"
#include "util/strings.hpp"

namespace dockcis::fleet_report::html {
namespace {

using namespace report::html;
using namespace fleet;

// Score bands of the heat map, as the host report's meter colours them.
std::string band(const Tally& tally) {
  if (tally.scored() == 0) return "h-none";
  const double score = tally.percent();
  if (score >= 100.0) return "h-100";
  if (score >= 90.0) return "h-90";
  if (score >= 75.0) return "h-75";
  if (score >= 50.0) return "h-50";
  return "h-0";
}

pugi::xml_node section(pugi::xml_node main, const char* id, const std::string& title) {
  auto node = add(main, "section");
  set_attribute(node, "id", id);
  add_text(node, "h2", title);
  return node;
}

std::string host_link(const std::string& host) { return "#" + host_anchor(host); }

void host_cell(pugi::xml_node row, const std::string& host) {
  set_attribute(add_text(add(row, "td", "host"), "a", host), "href", host_link(host));
}

}  // namespace

void heat_map(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "heatmap", "Hosts × sections");
  add_text(node, "p", "Score of each host's newest run per CIS section (pass ÷ scored); hover a cell for its counts.", "muted");
  auto wrap = add(node, "div", "scroll");
  auto table = add(wrap, "table", "heat");
  auto head = add(add(table, "thead"), "tr");
  add_text(head, "th", "Host");
  add_text(head, "th", "Group");
  add_text(head, "th", "Score", "num");
  for (const auto& [id, title] : view.sections) set_attribute(add_text(head, "th", id, "num"), "title", id + " " + title);
  auto body = add(table, "tbody");
  for (const auto& host : view.hosts) {
    auto row = add(body, "tr", "host-row");
    mark_host(row, host.label, host.group);
    host_cell(row, host.label);
    add_text(row, "td", host.group);
    if (host.failed) {
      set_attribute(add_text(row, "td", "run failed", "num h-0"), "title", "The newest run could not audit: " + host.failure);
    } else {
      add_text(row, "td", percent_text(host.score), "num " + band(host.tally));
    }
    for (const auto& [id, title] : view.sections) {
      const auto found = host.sections.find(id);
      if (found == host.sections.end()) {
        add_text(row, "td", "", "num h-none");
        continue;
      }
      const auto& tally = found->second;
      auto cell = add_text(row, "td", tally.scored() == 0 ? "–" : util::fixed(tally.percent(), 0), "num " + band(tally));
      set_attribute(cell, "title", id + " " + title + ": " + std::to_string(tally.pass) + " pass, " + std::to_string(tally.fail) +
                                       " fail, " + std::to_string(tally.error) + " error");
    }
  }
}

void failing_checks(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "checks", "Checks failing on most hosts");
  if (view.failing_checks.empty()) {
    add_text(node, "p", "No check fails or errors on any host.");
    return;
  }
  auto table = add(node, "table", "checks");
  header_row(add(table, "thead"), {"CIS id", "Check", "Severity", "#Hosts failing", "#Errors", "#Evaluated", "Containers behind it"});
  auto body = add(table, "tbody");
  for (const auto& check : view.failing_checks) {
    auto row = add(body, "tr", "check-row");
    set_attribute(row, "data-key", check.key);
    add_text(row, "td", check.cis_ids, "id");
    auto what = add(row, "td");
    add_text(what, "div", check.title);
    add_text(what, "code", check.key, "muted");
    add_text(row, "td", check.severity, "sev v-" + check.severity);
    add_text(row, "td", std::to_string(check.hosts_failing), "num hosts-failing");
    add_text(row, "td", std::to_string(check.hosts_error), "num");
    add_text(row, "td", std::to_string(check.hosts_evaluated), "num");
    auto containers = add(row, "td");
    if (check.containers_failing == 0) continue;
    auto more = add(containers, "details");
    add_text(more, "summary", std::to_string(check.containers_failing) + " failing container" + (check.containers_failing == 1 ? "" : "s"));
    auto list = add(more, "ul", "plain");
    for (const auto& container : check.containers) {
      auto item = add(list, "li");
      add_text(item, "code", container.name);
      append_text(item, " on " + container.host + " (" + container.image + ")");
    }
    if (check.containers_failing > static_cast<int>(check.containers.size())) {
      add_text(list, "li", "… and " + std::to_string(check.containers_failing - static_cast<int>(check.containers.size())) + " more", "muted");
    }
  }
}

void controls(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "controls", "Failures by control");
  if (view.controls.empty()) {
    add_text(node, "p", "No failing check maps to a NIST SP 800-53 or CIS Controls identifier.");
    return;
  }
  auto table = add(node, "table");
  header_row(add(table, "thead"), {"Framework", "Control", "Failing checks", "#Hosts failing", "Source"});
  auto body = add(table, "tbody");
  for (const auto& control : view.controls) {
    auto row = add(body, "tr", "control-row");
    add_text(row, "td", control.framework);
    add_text(row, "td", control.control, "id");
    add_text(add(row, "td"), "code", util::join(control.checks, " "));
    add_text(row, "td", std::to_string(control.hosts_failing), "num");
    add_text(row, "td", control.sources, "muted");
  }
}

void regressions(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "regressions", "Hosts that regressed since their previous run");
  if (view.regressions.empty()) {
    add_text(node, "p", "No host got worse since its previous run.");
    return;
  }
  auto table = add(node, "table");
  header_row(add(table, "thead"), {"Host", "Previous run", "Newest run", "#Score before", "#Score now", "Newly failing"});
  auto body = add(table, "tbody");
  for (const auto& regression : view.regressions) {
    auto row = add(body, "tr", "regression-row");
    mark_host(row, regression.host, regression.group);
    host_cell(row, regression.host);
    add_text(row, "td", regression.previous_at);
    add_text(row, "td", regression.latest_at);
    add_text(row, "td", percent_text(regression.previous_score), "num");
    add_text(row, "td", percent_text(regression.latest_score), "num");
    auto list = add(add(row, "td"), "ul", "plain");
    for (const auto& change : regression.changes) {
      std::string text = change.cis_id + " " + change.title + ": " + change.old_state + " → " + change.new_state;
      if (change.new_failing_containers > change.old_failing_containers) {
        text += " (" + std::to_string(change.old_failing_containers) + " → " + std::to_string(change.new_failing_containers) + " containers)";
      }
      add_text(list, "li", text);
    }
    if (regression.changes.empty()) add_text(list, "li", "score dropped", "muted");
  }
}

void stale_hosts(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "stale", "Hosts with no run in the last " + std::to_string(view.filter.stale_after_days) + " days");
  auto table = add(node, "table");
  header_row(add(table, "thead"), {"Host", "Group", "Last run", "#Days since"});
  auto body = add(table, "tbody");
  int stale = 0;
  for (const auto& host : view.hosts) {
    if (!host.stale) continue;
    ++stale;
    auto row = add(body, "tr", "stale-row");
    mark_host(row, host.label, host.group);
    host_cell(row, host.label);
    add_text(row, "td", host.group);
    add_text(row, "td", host.started_at);
    add_text(row, "td", std::to_string(host.days_since_run), "num");
  }
  if (stale == 0) add_text(node, "p", "Every host reported in time.");
}

void waivers(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "waivers", "Waivers expired or expiring within " + std::to_string(view.filter.waiver_window_days) + " days");
  if (view.waivers.empty()) {
    add_text(node, "p", "No waiver has expired or expires soon.");
    return;
  }
  auto table = add(node, "table");
  header_row(add(table, "thead"), {"Host", "Waiver", "Check", "Expires", "#Days left", "Justification", "Approver", "Ticket"});
  auto body = add(table, "tbody");
  for (const auto& waiver : view.waivers) {
    auto row = add(body, "tr", waiver.expired ? "waiver-row expired" : "waiver-row");
    mark_host(row, waiver.host, waiver.group);
    host_cell(row, waiver.host);
    add_text(row, "td", waiver.id);
    add_text(add(row, "td"), "code", waiver.check);
    add_text(row, "td", waiver.expires + (waiver.expired ? " (expired)" : ""));
    add_text(row, "td", std::to_string(waiver.days_left), "num");
    add_text(row, "td", waiver.justification);
    add_text(row, "td", waiver.approver);
    add_text(row, "td", waiver.ticket);
  }
}

void versions(pugi::xml_node main, const FleetView& view) {
  auto node = section(main, "versions", "Docker, benchmark and dockcis versions");
  auto grid = add(node, "div", "grid3");
  for (const auto& [kind, title] : {std::pair{"docker", "Docker Engine"}, {"benchmark", "Benchmark profile"}, {"tool", "dockcis"}}) {
    auto box = add(grid, "div");
    add_text(box, "h3", title);
    auto table = add(box, "table", "versions");
    set_attribute(table, "data-kind", kind);
    header_row(table, {"Version", "#Hosts"});
    for (const auto& version : view.versions) {
      if (version.kind != kind) continue;
      auto row = add(table, "tr");
      add_text(row, "td", version.version);
      add_text(row, "td", std::to_string(version.hosts), "num");
    }
  }
}

}  // namespace dockcis::fleet_report::html
