// SPDX-License-Identifier: Apache-2.0
#include "report/html_rules.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "report/hints.hpp"
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

void select(HtmlText& html, const char* id, const char* label, const std::vector<std::pair<std::string, std::string>>& options) {
  html.open("select").attribute("id", id).attribute("aria-label", label);
  html.open("option").attribute("value", "").text(std::string("All ") + label).close();
  for (const auto& [value, text] : options) html.open("option").attribute("value", value).text(text).close();
  html.close();
}

// Hidden until the script runs, so a reader without JavaScript sees no dead controls.
void filters(HtmlText& html, const model::Report& report) {
  html.open("div", "filters hidden").attribute("id", "filters");
  html.open("div", "states");
  for (State state : model::kAllStates) {
    const std::string name(model::to_string(state));
    html.open("label", "chip s-" + name);
    html.open("input", "state-filter").attribute("type", "checkbox").attribute("value", name);
    if (state != State::notselected) html.attribute("checked", "checked");
    html.close().text(" " + name + " " + std::to_string(count(report.summary, state))).close();
  }
  html.close().open("div", "controls");
  std::vector<std::pair<std::string, std::string>> sections;
  for (const auto& [id, title] : report.sections) sections.emplace_back(id, id + " " + title);
  select(html, "filter-section", "sections", sections);
  select(html, "filter-level", "levels", {{"1", "Level 1"}, {"2", "Level 2"}});
  std::vector<std::pair<std::string, std::string>> severities;
  for (const char* severity : kSeverities) severities.emplace_back(severity, severity);
  select(html, "filter-severity", "severities", severities);
  html.open("input")
      .attribute("type", "search")
      .attribute("id", "filter-search")
      .attribute("placeholder", "Search ids, titles, keys")
      .attribute("aria-label", "Search recommendations")
      .close();
  html.open("span", "count").open("span").attribute("id", "shown-count").text(std::to_string(report.results.size())).close();
  html.text(" shown").close();
  for (const auto& [id, text] : {std::pair{"expand-all", "Expand all"}, {"collapse-all", "Collapse all"}}) {
    html.open("button").attribute("type", "button").attribute("id", id).text(text).close();
  }
  html.close().close();
}

}  // namespace

void rule_overview(HtmlText& html, const model::Report& report) {
  html.open("h2").attribute("id", "overview").text("Rule overview").close();
  // A child of <main>, so the bar stays on screen over the details too.
  filters(html, report);
  html.open("table", "overview").open("thead");
  header_row(html, {"Id", "Title", "#Level", "Severity", "State", "Result"});
  html.close().open("tbody");
  for (const auto& [section_id, section_title] : report.sections) {
    html.open("tr", "section-row").attribute("data-section", section_id);
    html.open("th").attribute("colspan", "6").text(section_id + " " + section_title).close().close();
    for (const auto& result : report.results) {
      if (result.section != section_id) continue;
      html.open("tr", "rule-row")
          .attribute("data-state", model::to_string(result.state))
          .attribute("data-section", result.section)
          .attribute("data-level", std::to_string(result.level))
          .attribute("data-severity", model::to_string(result.severity))
          .attribute("data-target", anchor(result))
          .attribute("data-search", util::to_lower(result.id + " " + result.title + " " + result.key));
      // Appended, not "#" + text: g++ 12 at -O2 warns falsely (-Wrestrict) on prepending to a temporary.
      html.open("td", "id").open("a").attribute("href", std::string("#").append(anchor(result))).text(result.id).close().close();
      html.element("td", result.title, "title");
      html.element("td", result.swarm ? "swarm" : std::to_string(result.level), "num");
      html.element("td", severity_name(result), "sev v-" + severity_name(result));
      html.open("td");
      state_badge(html, result.state);
      html.close().element("td", result.reason, "reason").close();
    }
  }
  html.close().close();
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

void appendices(HtmlText& html, const model::Report& report) {
  html.open("section").attribute("id", "errors").element("h2", "Appendix: what could not be read");
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
    html.element("p", "Every fact dockcis needed could be read.");
  } else {
    html.open("table");
    header_row(html, {"Where", "What happened", "What to do"});
    for (const auto& [where, what, kind] : errors) html.open("tr").element("td", where).element("td", what).element("td", hint_for(kind, what)).close();
    html.close();
  }
  html.close().open("section").attribute("id", "waivers").element("h2", "Appendix: waivers");
  if (report.waivers.empty()) {
    html.element("p", "No waivers were given.").close();
    return;
  }
  html.open("table");
  header_row(html, {"Id", "Check", "Status", "Justification", "Approver", "Ticket", "Expires"});
  for (const auto& waiver : report.waivers) {
    html.open("tr");
    for (const char* field : {"id", "check", "status", "justification", "approver", "ticket", "expires"}) {
      const auto found = waiver.find(field);
      html.element("td", found == waiver.end() || found->is_null() ? std::string() : value_text(*found));
    }
    html.close();
  }
  html.close().close();
}

}  // namespace dockcis::report::html
