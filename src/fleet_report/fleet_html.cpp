// SPDX-License-Identifier: Apache-2.0
#include <set>

#include "fleet/queries.hpp"
#include "fleet_report/fleet_html.hpp"
#include "fleet_report/fleet_render.hpp"
#include "report/html_assets.hpp"
#include "report/html_dom.hpp"
#include "report/html_text.hpp"

namespace dockcis::fleet_report {
namespace {

using namespace report::html;
using namespace fleet;

void head(pugi::xml_node root, const FleetView& view) {
  auto head = add(root, "head");
  set_attribute(add(head, "meta"), "charset", "utf-8");
  auto viewport = add(head, "meta");
  set_attribute(viewport, "name", "viewport");
  set_attribute(viewport, "content", "width=device-width, initial-scale=1");
  add_text(head, "title", "dockcis fleet report: " + std::to_string(view.hosts.size()) + " hosts");
  // Raw text: neither stylesheet holds a character XML would escape (see html_assets.hpp).
  add(head, "style").text().set((std::string(report::kHtmlStyle) + html::kFleetStyle).c_str());
}

std::string window_text(const FleetView& view) {
  const auto& filter = view.filter;
  std::string text = "runs " + filter.since.substr(0, 10) + " to " + filter.until.substr(0, 10) + " · as of " + filter.as_of;
  if (!filter.host_pattern.empty()) text += " · hosts " + filter.host_pattern;
  if (!filter.group.empty()) text += " · group " + filter.group;
  return text;
}

void cards(pugi::xml_node main, const FleetView& view) {
  int stale = 0, failed = 0;
  for (const auto& host : view.hosts) {
    stale += host.stale;
    failed += host.failed;
  }
  auto row = add(main, "div", "cards");
  auto card = [&](const std::string& label, const std::string& value, const std::string& css_class, const char* id) {
    auto node = add(row, "div", "card " + css_class);
    set_attribute(node, "id", id);
    add_text(node, "div", value, "value");
    add_text(node, "div", label, "label");
  };
  const double score = view.fleet.percent();
  const char* score_class = view.fleet.scored() == 0 ? "" : score >= 100.0 ? "c-pass" : score >= 80.0 ? "c-manual" : "c-fail";
  card("Fleet score", view.fleet.scored() == 0 ? "-" : percent_text(score), score_class, "card-score");
  card("Hosts", std::to_string(view.hosts.size()), "", "card-hosts");
  card("Stale hosts", std::to_string(stale), stale > 0 ? "c-error" : "c-pass", "card-stale");
  card("Runs failed", std::to_string(failed), failed > 0 ? "c-error" : "c-pass", "card-failed");
  card("Regressed", std::to_string(view.regressions.size()), view.regressions.empty() ? "c-pass" : "c-fail", "card-regressed");
  card("Failing checks", std::to_string(view.failing_checks.size()), view.failing_checks.empty() ? "c-pass" : "c-fail", "card-checks");
  card("Runs in window", std::to_string(view.runs_in_window), "", "card-runs");
}

void trend(pugi::xml_node main, const FleetView& view) {
  auto section = add(main, "section");
  set_attribute(section, "id", "trend");
  add_text(section, "h2", "Fleet score over time");
  add_text(section, "p", "Each point sums, for one day (UTC), the newest run of every host that reported that day: pass ÷ (pass + fail + error).",
           "muted");
  // The whole window, and its last 30 and 7 days: the page's time window switches between them.
  // Hidden until the script runs, as the other filters.
  auto choose = add(section, "select", "window hidden");
  set_attribute(choose, "id", "filter-window");
  set_attribute(choose, "aria-label", "Time window of the trend");
  for (const auto& [days, label] : {std::pair{0, "whole window"}, {30, "last 30 days"}, {7, "last 7 days"}}) {
    const std::string name = days == 0 ? "all" : std::to_string(days);
    set_attribute(add_text(choose, "option", label), "value", name);
    const auto first_day = days == 0 ? std::string() : fleet::add_days(view.filter.until, -days).substr(0, 10);
    std::vector<std::pair<std::string, double>> points;
    for (const auto& point : view.trend) {
      if (point.date < first_day) continue;
      points.emplace_back(point.date + " (" + std::to_string(point.hosts) + " hosts)", point.tally.percent());
    }
    auto box = add(section, "div", days == 0 ? "chart-box" : "chart-box hidden");
    set_attribute(box, "data-window", name);
    html::score_chart(box, points, 900, 220, "Fleet score per day, " + std::string(label));
  }
}

// Hidden until the script runs, so a reader without JavaScript sees no dead controls.
void filters(pugi::xml_node main, const FleetView& view) {
  auto bar = add(main, "div", "filters hidden");
  set_attribute(bar, "id", "filters");
  auto controls = add(bar, "div", "controls");
  auto search = add(controls, "input");
  set_attribute(search, "type", "search");
  set_attribute(search, "id", "filter-host");
  set_attribute(search, "placeholder", "Host name contains");
  set_attribute(search, "aria-label", "Filter hosts by name");
  auto group = add(controls, "select");
  set_attribute(group, "id", "filter-group");
  set_attribute(group, "aria-label", "groups");
  set_attribute(add_text(group, "option", "All groups"), "value", "");
  std::set<std::string> groups;
  for (const auto& host : view.hosts) groups.insert(host.group);
  for (const auto& name : groups) set_attribute(add_text(group, "option", name.empty() ? "(no group)" : name), "value", name);
  auto counter = add(controls, "span", "count");
  set_attribute(add_text(counter, "span", std::to_string(view.hosts.size())), "id", "shown-hosts");
  append_text(counter, " hosts shown (host tables and drill-downs; fleet-wide figures use --hosts and --group)");
}

}  // namespace

std::string render_html(const FleetView& view) {
  pugi::xml_document document;
  auto root = document.append_child("html");
  root.append_attribute("lang") = "en";
  head(root, view);
  auto body = add(root, "body");
  auto top = add(body, "header", "top");
  add_text(top, "div", "dockcis", "brand");
  add_text(top, "h1", "Fleet report: " + std::to_string(view.hosts.size()) + " hosts");
  add_text(top, "p", window_text(view), "subtitle");
  auto main = add(body, "main");
  cards(main, view);
  trend(main, view);
  filters(main, view);
  html::heat_map(main, view);
  html::failing_checks(main, view);
  html::controls(main, view);
  html::regressions(main, view);
  html::stale_hosts(main, view);
  html::waivers(main, view);
  html::versions(main, view);
  html::host_details(main, view);
  add_text(body, "footer", "Generated by dockcis at " + view.generated_at + " from " + view.store + " (store schema " +
                               std::to_string(view.schema_version) + "). This page is one self-contained file: it loads nothing from the network.");
  add(body, "script").text().set(html::kFleetScript);
  return serialize(document);
}

}  // namespace dockcis::fleet_report
