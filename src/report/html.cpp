// SPDX-License-Identifier: Apache-2.0
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "report/html_assets.hpp"
#include "report/hints.hpp"
#include "report/render.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;

// Host text goes through printable() (XML cannot carry control characters)
// and into the DOM as text or attribute values, which pugixml escapes.
std::string safe(std::string_view text) { return util::printable(text, true); }

pugi::xml_node add(pugi::xml_node parent, const char* tag, const std::string& css_class = {}) {
  auto node = parent.append_child(tag);
  if (!css_class.empty()) node.append_attribute("class") = css_class.c_str();
  return node;
}

pugi::xml_node add_text(pugi::xml_node parent, const char* tag, const std::string& text, const std::string& css_class = {}) {
  auto node = add(parent, tag, css_class);
  node.text().set(safe(text).c_str());
  return node;
}

std::string value_text(const model::json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

void state_badge(pugi::xml_node parent, State state) {
  add_text(parent, "span", std::string(model::to_string(state)), "state s-" + std::string(model::to_string(state)));
}

void fact_row(pugi::xml_node table, const std::string& name, const std::string& value) {
  auto row = add(table, "tr");
  add_text(row, "th", name);
  add_text(row, "td", value);
}

int count(const model::Summary& summary, State state) {
  const auto found = summary.counts.find(state);
  return found == summary.counts.end() ? 0 : found->second;
}

void bar(pugi::xml_node parent, const std::vector<std::tuple<std::string, int, std::string>>& parts) {
  int total = 0;
  for (const auto& part : parts) total += std::get<1>(part);
  auto strip = add(parent, "div", "bar");
  auto legend = add(parent, "div", "legend");
  for (const auto& [name, value, color] : parts) {
    if (value == 0) continue;
    auto span = add(strip, "span");
    span.append_attribute("style") = ("width:" + util::fixed(100.0 * value / total, 2) + "%;background:" + color).c_str();
    span.append_attribute("title") = (name + ": " + std::to_string(value)).c_str();
    span.text().set(" ");
    auto item = add(legend, "span");
    add(item, "i").append_attribute("style") = ("background:" + color).c_str();
    item.append_child(pugi::node_pcdata).set_value((name + " " + std::to_string(value)).c_str());
  }
}

void evidence_table(pugi::xml_node parent, const std::vector<model::Evidence>& evidence) {
  if (evidence.empty()) return;
  auto table = add(parent, "table", "evidence");
  auto head = add(table, "tr");
  for (const char* title : {"Fact", "Actual", "Expected", "Note"}) add_text(head, "th", title);
  for (const auto& item : evidence) {
    auto row = add(table, "tr");
    add(add(row, "td"), "code").text().set(safe(item.label.empty() ? item.fact + item.select : item.label + " (" + item.fact + item.select + ")").c_str());
    add(add(row, "td"), "pre").text().set(safe(value_text(item.actual)).c_str());
    add_text(row, "td", item.op.empty() ? "" : item.op + (item.expected.is_null() ? "" : " " + value_text(item.expected)));
    add_text(row, "td", item.note);
  }
}

void head(pugi::xml_node html, const model::Report& report) {
  auto head = add(html, "head");
  add(head, "meta").append_attribute("charset") = "utf-8";
  auto viewport = add(head, "meta");
  viewport.append_attribute("name") = "viewport";
  viewport.append_attribute("content") = "width=device-width, initial-scale=1";
  add_text(head, "title", "dockcis report: " + report.host.value("hostname", std::string("host")) + " - " + report.profile_id);
  add(head, "style").text().set(kHtmlStyle);
}

void characteristics(pugi::xml_node main, const model::Report& report) {
  auto grid = add(main, "div", "grid");
  auto left = add(grid, "section");
  add_text(left, "h2", "Evaluation characteristics");
  auto table = add(left, "table", "facts");
  const auto& host = report.host;
  fact_row(table, "Host", host.value("hostname", ""));
  fact_row(table, "Machine id", host.value("machine_id", ""));
  fact_row(table, "Operating system", host.value("os", ""));
  fact_row(table, "Kernel", host.value("kernel", ""));
  fact_row(table, "Docker", host.value("docker_version", "") + " (API " + host.value("api_version", "") + ")" +
                                (host.value("rootless", false) ? ", rootless" : ""));
  fact_row(table, "Benchmark", report.profile_title + " (" + report.profile_id + ")");
  fact_row(table, "Level", report.level == "1" ? "Level 1" : "Level 1 and Level 2");
  fact_row(table, "Started", report.started_at);
  fact_row(table, "Finished", report.finished_at);
  fact_row(table, "Run id", report.run_id);
  fact_row(table, "Tool", report.tool.value("name", "") + " " + report.tool.value("version", ""));
  fact_row(table, "Check files", report.checks_digest);
  if (!report.parameters.empty()) {
    for (const auto& [name, value] : report.parameters.items()) fact_row(table, "Parameter " + name, value_text(value));
  }

  auto right = add(grid, "section");
  add_text(right, "h2", "Compliance and scoring");
  const auto& summary = report.summary;
  auto scores = add(right, "table", "facts");
  fact_row(scores, "Score", util::fixed(summary.total.percent(), 1) + "% (" + std::to_string(summary.total.pass) + " of " +
                                std::to_string(summary.total.pass + summary.total.fail + summary.total.error) + " scored)");
  fact_row(scores, "Score before waivers", util::fixed(summary.before_waivers.percent(), 1) + "%");
  fact_row(scores, "XCCDF default / flat", util::fixed(summary.xccdf_default, 1) + " / " + util::fixed(summary.flat_score, 0) + " of " +
                                               util::fixed(summary.flat_max, 0));
  for (const auto& [level, tally] : summary.by_level) fact_row(scores, "Level " + std::to_string(level), util::fixed(tally.percent(), 1) + "%");
  for (const auto& [id, title] : report.sections) {
    const auto found = summary.by_section.find(id);
    if (found != summary.by_section.end()) fact_row(scores, "Section " + id + " " + title, util::fixed(found->second.percent(), 1) + "%");
  }
  add_text(right, "h3", "Results by state");
  bar(right, {{"pass", count(summary, State::pass), "var(--pass)"},
              {"fail", count(summary, State::fail), "var(--fail)"},
              {"error", count(summary, State::error), "var(--error)"},
              {"manual", count(summary, State::manual), "var(--manual)"},
              {"notapplicable", count(summary, State::notapplicable), "var(--na)"},
              {"waived", count(summary, State::waived), "var(--waived)"},
              {"info", count(summary, State::info), "var(--info)"},
              {"notselected", count(summary, State::notselected), "#afb8c1"}});
  add_text(right, "h3", "Failed by severity");
  auto severity = [&](const char* name) {
    const auto found = summary.failed_by_severity.find(name);
    return found == summary.failed_by_severity.end() ? 0 : found->second;
  };
  if (summary.failed_by_severity.empty()) add_text(right, "p", "No failed checks.");
  bar(right, {{"critical", severity("critical"), "#82071e"},
              {"high", severity("high"), "var(--fail)"},
              {"medium", severity("medium"), "var(--manual)"},
              {"low", severity("low"), "#6e7781"},
              {"info", severity("info"), "#afb8c1"}});
}

void filters(pugi::xml_node main, const model::Report& report) {
  auto bar = add(main, "div", "filters hidden");
  bar.append_attribute("id") = "filters";
  for (State state : model::kAllStates) {
    auto label = add(bar, "label");
    auto box = add(label, "input", "state-filter");
    box.append_attribute("type") = "checkbox";
    box.append_attribute("value") = std::string(model::to_string(state)).c_str();
    if (state != State::notselected) box.append_attribute("checked") = "checked";
    label.append_child(pugi::node_pcdata).set_value((" " + std::string(model::to_string(state))).c_str());
  }
  auto select = [&](const char* id, const char* all, const std::vector<std::pair<std::string, std::string>>& options) {
    auto node = add(bar, "select");
    node.append_attribute("id") = id;
    auto any = add_text(node, "option", all);
    any.append_attribute("value") = "";
    for (const auto& [value, text] : options) add_text(node, "option", text).append_attribute("value") = value.c_str();
  };
  std::vector<std::pair<std::string, std::string>> sections;
  for (const auto& [id, title] : report.sections) sections.emplace_back(id, id + " " + title);
  select("filter-section", "All sections", sections);
  select("filter-level", "All levels", {{"1", "Level 1"}, {"2", "Level 2"}});
  select("filter-severity", "All severities", {{"critical", "critical"}, {"high", "high"}, {"medium", "medium"}, {"low", "low"}, {"info", "info"}});
  auto search = add(bar, "input");
  search.append_attribute("type") = "search";
  search.append_attribute("id") = "filter-search";
  search.append_attribute("placeholder") = "Search titles, ids, keys";
  auto counter = add(bar, "span", "count");
  add_text(counter, "span", std::to_string(report.results.size())).append_attribute("id") = "shown-count";
  counter.append_child(pugi::node_pcdata).set_value(" shown");
}

std::string anchor(const model::CheckResult& result) { return "rule-" + result.id; }

void overview(pugi::xml_node main, const model::Report& report) {
  add_text(main, "h2", "Rule overview");
  filters(main, report);
  auto table = add(main, "table", "overview");
  auto head = add(table, "tr");
  for (const char* title : {"Id", "Title", "Level", "Severity", "State", "Result"}) add_text(head, "th", title);
  for (const auto& result : report.results) {
    auto row = add(table, "tr", "rule-row");
    row.append_attribute("data-state") = std::string(model::to_string(result.state)).c_str();
    row.append_attribute("data-section") = result.section.c_str();
    row.append_attribute("data-level") = std::to_string(result.level).c_str();
    row.append_attribute("data-severity") = result.severity.c_str();
    row.append_attribute("data-target") = anchor(result).c_str();
    row.append_attribute("data-search") = util::to_lower(result.id + " " + result.title + " " + result.key).c_str();
    auto link = add(add(row, "td"), "a");
    link.append_attribute("href") = ("#" + anchor(result)).c_str();
    link.text().set(result.id.c_str());
    add_text(row, "td", result.title);
    add_text(row, "td", result.swarm ? "1 (swarm)" : std::to_string(result.level));
    add_text(row, "td", result.severity, "sev-" + result.severity);
    state_badge(add(row, "td"), result.state);
    add_text(row, "td", result.reason, "reason");
  }
}

void rule_details(pugi::xml_node main, const model::Report& report) {
  add_text(main, "h2", "Rule details");
  for (const auto& result : report.results) {
    auto details = add(main, "details", "rule");
    details.append_attribute("id") = anchor(result).c_str();
    if (result.state == State::fail || result.state == State::error) details.append_attribute("open") = "open";
    auto summary = add(details, "summary");
    state_badge(summary, result.state);
    add_text(summary, "h3", result.id + " " + result.title);
    auto body = add(details, "div", "body");
    add_text(body, "p", "Key " + result.key + " · Level " + std::to_string(result.level) + (result.swarm ? " (swarm)" : "") +
                            " · Severity " + result.severity + " · CIS assessment " + result.assessment + " · " +
                            (result.automated ? "decided by dockcis" : "needs a person"));
    if (!result.reason.empty()) add_text(body, "p", result.reason, "reason");
    add_text(body, "p", result.description);
    if (!result.rationale.empty()) add_text(body, "p", "Why: " + result.rationale);
    evidence_table(body, result.evidence);
    if (!result.instances.empty()) {
      auto table = add(body, "table", "instances");
      auto head = add(table, "tr");
      for (const char* title : {"Container", "Image", "State", "Reason", "Evidence"}) add_text(head, "th", title);
      for (const auto& instance : result.instances) {
        auto row = add(table, "tr");
        add_text(row, "td", instance.name);
        add_text(row, "td", instance.image);
        state_badge(add(row, "td"), instance.state);
        add_text(row, "td", instance.reason + (instance.waiver.empty() ? "" : " (waiver " + instance.waiver + ")"));
        std::string evidence;
        for (const auto& item : instance.evidence) {
          evidence += (item.label.empty() ? item.select : item.label) + " = " + value_text(item.actual) + "\n";
        }
        add(add(row, "td"), "pre").text().set(safe(evidence).c_str());
      }
    }
    add_text(body, "p", "Remediation: " + result.remediation, "remediation");
    if (!result.references.empty()) {
      auto list = add(body, "ul");
      for (const auto& reference : result.references) add_text(list, "li", reference);
    }
  }
}

void appendices(pugi::xml_node main, const model::Report& report) {
  add_text(main, "h2", "Errors");
  std::vector<std::pair<std::string, std::string>> errors;
  for (const auto& result : report.results) {
    if (result.state == State::error) errors.emplace_back(result.id + " " + result.title, result.reason);
  }
  for (const auto& error : report.errors) errors.emplace_back("Fact", error);
  if (errors.empty()) add_text(main, "p", "Every fact dockcis needed could be read.");
  else {
    auto table = add(main, "table");
    auto head = add(table, "tr");
    for (const char* title : {"Where", "What happened", "Hint"}) add_text(head, "th", title);
    for (const auto& [where, what] : errors) {
      auto row = add(table, "tr");
      add_text(row, "td", where);
      add_text(row, "td", what);
      add_text(row, "td", hint_for(what));
    }
  }
  add_text(main, "h2", "Waivers");
  if (report.waivers.empty()) add_text(main, "p", "No waivers were given.");
  else {
    auto table = add(main, "table");
    auto head = add(table, "tr");
    for (const char* title : {"Id", "Check", "Status", "Justification", "Approver", "Ticket", "Expires"}) add_text(head, "th", title);
    for (const auto& waiver : report.waivers) {
      auto row = add(table, "tr");
      for (const char* field : {"id", "check", "status", "justification", "approver", "ticket", "expires"}) {
        add_text(row, "td", waiver.value(field, ""));
      }
    }
  }
}

}  // namespace

std::string render_html(const model::Report& report) {
  pugi::xml_document document;
  auto html = document.append_child("html");
  html.append_attribute("lang") = "en";
  head(html, report);
  auto body = add(html, "body");
  const bool compliant = report.summary.total.fail == 0 && report.summary.total.error == 0;
  auto banner = add(body, "header", compliant ? "banner compliant" : "banner");
  add_text(banner, "h1", (compliant ? "Compliant: " : "Not compliant: ") + report.host.value("hostname", std::string("host")));
  add_text(banner, "p", report.profile_title + " · score " + util::fixed(report.summary.total.percent(), 1) + "% · " +
                            std::to_string(report.summary.total.fail) + " failed · " + std::to_string(report.summary.total.error) +
                            " could not be decided · " + std::to_string(count(report.summary, State::manual)) + " for review");
  auto main = add(body, "main");
  characteristics(main, report);
  overview(main, report);
  rule_details(main, report);
  appendices(main, report);
  add_text(body, "footer", "Generated by dockcis " + report.tool.value("version", std::string()) + " at " + report.finished_at +
                               ". The report is one self-contained file and makes no network request.");
  add(body, "script").text().set(kHtmlScript);

  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration | pugi::format_no_empty_element_tags);
  out << "\n";
  return out.str();
}

}  // namespace dockcis::report
