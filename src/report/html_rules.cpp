// SPDX-License-Identifier: Apache-2.0
#include "report/html_rules.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "report/hints.hpp"
#include "report/html_dom.hpp"
#include "report/html_found.hpp"
#include "report/html_instances.hpp"
#include "report/html_setting.hpp"
#include "report/html_text.hpp"
#include "report/values.hpp"
#include "util/strings.hpp"

namespace dockcis::report::html {
namespace {

using model::State;

constexpr const char* kSeverities[] = {"critical", "high", "medium", "low", "info"};

std::string anchor(const model::CheckResult& result) { return "rule-" + result.id; }
std::string severity_name(const model::CheckResult& result) { return std::string(model::to_string(result.severity)); }

std::string level_text(const model::CheckResult& result) {
  return "Level " + std::to_string(result.level) + (result.swarm ? " (swarm)" : "");
}

void select(pugi::xml_node parent, const char* id, const char* label, const std::vector<std::pair<std::string, std::string>>& options) {
  auto node = add(parent, "select");
  set_attribute(node, "id", id);
  set_attribute(node, "aria-label", label);
  set_attribute(add_text(node, "option", std::string("All ") + label), "value", "");
  for (const auto& [value, text] : options) set_attribute(add_text(node, "option", text), "value", value);
}

// Hidden until the script runs, so a reader without JavaScript sees no dead controls.
void filters(pugi::xml_node main, const model::Report& report) {
  auto bar = add(main, "div", "filters hidden");
  set_attribute(bar, "id", "filters");
  auto states = add(bar, "div", "states");
  for (State state : model::kAllStates) {
    const std::string name(model::to_string(state));
    auto label = add(states, "label", "chip s-" + name);
    auto box = add(label, "input", "state-filter");
    set_attribute(box, "type", "checkbox");
    set_attribute(box, "value", name);
    if (state != State::notselected) set_attribute(box, "checked", "checked");
    append_text(label, " " + name + " " + std::to_string(count(report.summary, state)));
  }
  auto controls = add(bar, "div", "controls");
  std::vector<std::pair<std::string, std::string>> sections;
  for (const auto& [id, title] : report.sections) sections.emplace_back(id, id + " " + title);
  select(controls, "filter-section", "sections", sections);
  select(controls, "filter-level", "levels", {{"1", "Level 1"}, {"2", "Level 2"}});
  std::vector<std::pair<std::string, std::string>> severities;
  for (const char* severity : kSeverities) severities.emplace_back(severity, severity);
  select(controls, "filter-severity", "severities", severities);
  auto search = add(controls, "input");
  set_attribute(search, "type", "search");
  set_attribute(search, "id", "filter-search");
  set_attribute(search, "placeholder", "Search ids, titles, keys");
  set_attribute(search, "aria-label", "Search recommendations");
  auto counter = add(controls, "span", "count");
  set_attribute(add_text(counter, "span", std::to_string(report.results.size())), "id", "shown-count");
  append_text(counter, " shown");
  for (const auto& [id, text] : {std::pair{"expand-all", "Expand all"}, {"collapse-all", "Collapse all"}}) {
    auto button = add_text(controls, "button", text);
    set_attribute(button, "type", "button");
    set_attribute(button, "id", id);
  }
}

}  // namespace

void rule_overview(pugi::xml_node main, const model::Report& report) {
  set_attribute(add_text(main, "h2", "Rule overview"), "id", "overview");
  // A child of <main>, so the bar stays on screen over the details too.
  filters(main, report);
  auto table = add(main, "table", "overview");
  header_row(add(table, "thead"), {"Id", "Title", "#Level", "Severity", "State", "Result"});
  auto body = add(table, "tbody");
  for (const auto& [section_id, section_title] : report.sections) {
    auto group = add(body, "tr", "section-row");
    set_attribute(group, "data-section", section_id);
    auto cell = add_text(group, "th", section_id + " " + section_title);
    set_attribute(cell, "colspan", "6");
    for (const auto& result : report.results) {
      if (result.section != section_id) continue;
      auto row = add(body, "tr", "rule-row");
      set_attribute(row, "data-state", std::string(model::to_string(result.state)));
      set_attribute(row, "data-section", result.section);
      set_attribute(row, "data-level", std::to_string(result.level));
      set_attribute(row, "data-severity", std::string(model::to_string(result.severity)));
      set_attribute(row, "data-target", anchor(result));
      set_attribute(row, "data-search", util::to_lower(result.id + " " + result.title + " " + result.key));
      auto link = add_text(add(row, "td", "id"), "a", result.id);
      // Appended, not "#" + text: g++ 12 at -O2 warns falsely (-Wrestrict) on prepending to a temporary.
      set_attribute(link, "href", std::string("#").append(anchor(result)));
      add_text(row, "td", result.title, "title");
      add_text(row, "td", result.swarm ? "swarm" : std::to_string(result.level), "num");
      add_text(row, "td", severity_name(result), "sev v-" + severity_name(result));
      state_badge(add(row, "td"), result.state);
      add_text(row, "td", result.reason, "reason");
    }
  }
}

namespace {

void evidence_table(HtmlText& html, const std::vector<model::Evidence>& evidence) {
  if (evidence.empty()) return;
  html.element("h4", "Evidence");
  html.open("table", "evidence");
  header_row(html, {"What was read", "Found", "Expected", "Note"});
  for (const auto& item : evidence) {
    html.open("tr").open("td");
    if (!item.label().empty()) html.element("div", item.label());
    html.element("code", item.fact() + item.select(), "fact").close();
    // A list of objects gets a row of its own below, the table's full width.
    const auto list = listed_objects(item.actual);
    if (list) {
      html.element("td", std::to_string(list->size()) + (list->size() == 1 ? " entry" : " entries") + ", listed below", "muted");
    } else {
      html.open("td").element("pre", value_text(item.actual)).close();
    }
    html.open("td").element("pre", expectation_text(item)).close();
    html.element("td", item.note);
    html.close();
    if (list) {
      html.open("tr", "found-row").open("td").attribute("colspan", "4");
      list_table(html, *list);
      html.close().close();
    }
  }
  html.close();
}

void waiver_box(HtmlText& html, const model::CheckResult& result) {
  if (result.waiver.empty() && !result.original_state) return;
  html.open("div", "waiver").element("strong", "Waived" + (result.waiver.empty() ? std::string() : " by " + result.waiver));
  if (result.original_state) {
    html.text(": without the waiver this recommendation would be " + std::string(model::to_string(*result.original_state)) + ".");
  }
  html.close();
}

void meta_list(HtmlText& html, const model::CheckResult& result) {
  html.open("dl", "meta");
  auto item = [&](const std::string& term, const std::string& value, const std::string& css_class = {}) {
    html.open("div").element("dt", term).element("dd", value, css_class).close();
  };
  item("Key", result.key, "mono");
  item("Level", level_text(result));
  item("Severity", severity_name(result), "sev v-" + severity_name(result));
  item("CIS assessment", result.assessment);
  item("Decided by", result.automated ? "dockcis" : "a person, from the evidence");
  html.close();
}

}  // namespace

void rule_details_section(pugi::xml_node main, const char* marker) {
  auto section = add(main, "section");
  set_attribute(section, "id", "details");
  add_text(section, "h2", "Rule details");
  section.append_child(pugi::node_comment).set_value(marker);
}

void rule_detail(HtmlText& html, const model::CheckResult& result, SubjectTexts& subjects) {
  // Open by default: without JavaScript every detail is readable and printable.
  html.open("details", "rule")
      .attribute("id", anchor(result))
      .attribute("data-state", std::string(model::to_string(result.state)))
      .attribute("open", "open");
  html.open("summary");
  state_badge(html, result.state);
  html.element("span", result.id, "rid").element("span", result.title, "rtitle");
  html.element("span", severity_name(result), "sev v-" + severity_name(result)).close();
  html.open("div", "body");
  meta_list(html, result);
  if (!result.reason.empty()) html.element("p", result.reason, "result-line");
  waiver_box(html, result);
  if (result.setting) setting_table(html, *result.setting);
  if (!result.description.empty()) html.element("h4", "Description").element("p", result.description);
  if (!result.rationale.empty()) html.element("h4", "Rationale").element("p", result.rationale);
  evidence_table(html, result.evidence);
  instance_table(html, result, subjects);
  if (!result.remediation.empty()) html.open("div", "remediation").element("h4", "Remediation").element("p", result.remediation).close();
  if (!result.references.empty()) {
    html.element("h4", "References").open("ul", "refs");
    for (const auto& reference : result.references) html.element("li", reference);
    html.close();
  }
  if (!result.controls.empty()) {
    html.element("h4", "Controls").open("ul", "refs controls");
    for (const auto& control : result.controls) html.element("li", control.framework + " " + control.id + " (source: " + control.source + ")");
    html.close();
  }
  html.close().close();
}

void appendices(pugi::xml_node main, const model::Report& report) {
  auto errors_section = add(main, "section");
  set_attribute(errors_section, "id", "errors");
  add_text(errors_section, "h2", "Appendix: what could not be read");
  std::vector<std::tuple<std::string, std::string, std::optional<model::ErrorKind>>> errors;
  for (const auto& result : report.results) {
    if (result.state == State::error) errors.emplace_back(result.id + " " + result.title, result.reason, result.error_kind);
    for (const auto& instance : result.instances) {
      if (instance.state == State::error && result.state != State::error) {
        errors.emplace_back(result.id + " [" + instance.name() + "]", instance.reason, instance.error_kind);
      }
    }
  }
  for (const auto& error : report.errors) errors.emplace_back("Fact", error.fact + ": " + error.message, error.kind);
  if (errors.empty()) {
    add_text(errors_section, "p", "Every fact dockcis needed could be read.");
  } else {
    auto table = add(errors_section, "table");
    header_row(table, {"Where", "What happened", "What to do"});
    for (const auto& [where, what, kind] : errors) {
      auto row = add(table, "tr");
      add_text(row, "td", where);
      add_text(row, "td", what);
      add_text(row, "td", hint_for(kind, what));
    }
  }
  auto waivers_section = add(main, "section");
  set_attribute(waivers_section, "id", "waivers");
  add_text(waivers_section, "h2", "Appendix: waivers");
  if (report.waivers.empty()) {
    add_text(waivers_section, "p", "No waivers were given.");
    return;
  }
  auto table = add(waivers_section, "table");
  header_row(table, {"Id", "Check", "Status", "Justification", "Approver", "Ticket", "Expires"});
  for (const auto& waiver : report.waivers) {
    auto row = add(table, "tr");
    for (const char* field : {"id", "check", "status", "justification", "approver", "ticket", "expires"}) {
      const auto found = waiver.find(field);
      add_text(row, "td", found == waiver.end() || found->is_null() ? std::string() : value_text(*found));
    }
  }
}

}  // namespace dockcis::report::html
