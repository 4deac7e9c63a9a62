// SPDX-License-Identifier: Apache-2.0
#include "report/hints.hpp"
#include "report/html_assets.hpp"
#include "report/html_dom.hpp"
#include "report/html_rules.hpp"
#include "report/html_text.hpp"
#include "report/render.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;
using namespace html;

constexpr const char* kRulesMarker = "rule-details";

std::string docker_text(const model::Report& report) {
  std::string text = host_text(report, "docker_version");
  if (const auto api = host_text(report, "api_version"); !api.empty()) text += " (API " + api + ")";
  if (host_text(report, "rootless") == "true") text += ", rootless";
  return text;
}

void fact_row(pugi::xml_node table, const std::string& name, const std::string& value) {
  auto row = add(table, "tr");
  add_text(row, "th", name);
  add_text(row, "td", value);
}

void head(pugi::xml_node root, const model::Report& report) {
  auto head = add(root, "head");
  set_attribute(add(head, "meta"), "charset", "utf-8");
  auto viewport = add(head, "meta");
  set_attribute(viewport, "name", "viewport");
  set_attribute(viewport, "content", "width=device-width, initial-scale=1");
  auto generator = add(head, "meta");
  set_attribute(generator, "name", "generator");
  set_attribute(generator, "content", "dockcis " + report.tool.value("version", std::string()));
  add_text(head, "title", "dockcis: " + host_text(report, "hostname") + " - " + report.profile_title);
  // Raw text: the stylesheet holds no character XML would escape (see html_assets.hpp).
  add(head, "style").text().set(kHtmlStyle);
}

void masthead(pugi::xml_node body, const model::Report& report) {
  auto top = add(body, "header", "top");
  add_text(top, "div", "dockcis", "brand");
  add_text(top, "h1", report.profile_title + " report for " + host_text(report, "hostname"));
  add_text(top, "p", "Docker " + docker_text(report) + " · level " + report.level + " · finished " + report.finished_at, "subtitle");
}

// The oscap-style verdict: what failed, and what could not be decided.
void verdict(pugi::xml_node main, const model::Report& report) {
  const auto& total = report.summary.total;
  const bool compliant = total.fail == 0 && total.error == 0;
  auto alert = add(main, "section", compliant ? "alert ok" : "alert bad");
  set_attribute(alert, "id", "verdict");
  add_text(alert, "strong", compliant ? "Compliant." : "Not compliant.");
  std::string text;
  if (compliant) {
    text = " Every selected, scored recommendation passed or was waived.";
  } else {
    if (total.fail > 0) text += " The host did not satisfy " + std::to_string(total.fail) + " recommendation" + (total.fail == 1 ? "." : "s.");
    if (total.error > 0) {
      text += " " + std::to_string(total.error) + (total.error == 1 ? " result could not be decided; it counts" : " results could not be decided; they count") +
              " against the score, because failing to look is not passing.";
    }
  }
  if (const int manual = count(report.summary, State::manual); manual > 0) {
    text += " " + std::to_string(manual) + (manual == 1 ? " recommendation needs" : " recommendations need") + " a person's review.";
  }
  append_text(alert, text);
}

void cards(pugi::xml_node main, const model::Report& report) {
  const auto& summary = report.summary;
  auto row = add(main, "div", "cards");
  auto card = [&](const std::string& label, const std::string& value, const std::string& css_class) {
    auto node = add(row, "div", "card " + css_class);
    add_text(node, "div", value, "value");
    add_text(node, "div", label, "label");
  };
  const double score = summary.total.percent();
  card("Score", percent_text(score), score >= 100.0 ? "c-pass" : score >= 80.0 ? "c-manual" : "c-fail");
  card("Before waivers", percent_text(summary.before_waivers.percent()), "");
  for (State state : {State::pass, State::fail, State::error, State::manual, State::waived, State::notapplicable}) {
    card(std::string(model::to_string(state)), std::to_string(count(summary, state)), "c-" + std::string(model::to_string(state)));
  }
}

void characteristics(pugi::xml_node parent, const model::Report& report) {
  add_text(parent, "h2", "Evaluation characteristics");
  auto table = add(parent, "table", "facts");
  fact_row(table, "Host", host_text(report, "hostname"));
  fact_row(table, "Machine id", host_text(report, "machine_id"));
  fact_row(table, "Operating system", host_text(report, "os"));
  fact_row(table, "Kernel", host_text(report, "kernel"));
  fact_row(table, "Docker", docker_text(report));
  fact_row(table, "Benchmark", report.profile_title + " (" + report.profile_id + ")");
  fact_row(table, "Level", report.level == "1" ? "Level 1" : "Level 1 and Level 2");
  fact_row(table, "Started", report.started_at);
  fact_row(table, "Finished", report.finished_at);
  fact_row(table, "Run id", report.run_id);
  fact_row(table, "Tool", report.tool.value("name", std::string()) + " " + report.tool.value("version", std::string()));
  fact_row(table, "Check files", report.checks_digest);
}

void score_row(pugi::xml_node table, const std::string& system, const std::string& score, const std::string& maximum, double percent) {
  auto row = add(table, "tr");
  add_text(row, "td", system);
  add_text(row, "td", score, "num");
  add_text(row, "td", maximum, "num");
  meter(add(row, "td"), percent);
}

void scoring(pugi::xml_node parent, const model::Report& report) {
  const auto& summary = report.summary;
  add_text(parent, "h2", "Compliance and scoring");
  add_text(parent, "h3", "Results by state");
  std::vector<std::tuple<std::string, int, std::string>> states;
  for (State state : model::kAllStates) {
    const std::string name(model::to_string(state));
    if (state != State::notselected) states.emplace_back(name, count(summary, state), "s-" + name);
  }
  stacked_bar(parent, states);
  add_text(parent, "h3", "Severity of failed recommendations");
  std::vector<std::tuple<std::string, int, std::string>> severities;
  for (auto severity = model::kAllSeverities.rbegin(); severity != model::kAllSeverities.rend(); ++severity) {
    const std::string name(model::to_string(*severity));
    const auto found = summary.failed_by_severity.find(*severity);
    severities.emplace_back(name, found == summary.failed_by_severity.end() ? 0 : found->second, "v-" + name);
  }
  stacked_bar(parent, severities);
  add_text(parent, "h3", "Score");
  auto table = add(parent, "table", "scores");
  header_row(table, {"Scoring system", "#Score", "#Maximum", "Percent"});
  const auto scored = [](const model::Tally& tally) { return std::to_string(tally.pass + tally.fail + tally.error); };
  score_row(table, "dockcis (pass ÷ scored)", std::to_string(summary.total.pass), scored(summary.total), summary.total.percent());
  score_row(table, "Before waivers", std::to_string(summary.before_waivers.pass), scored(summary.before_waivers),
            summary.before_waivers.percent());
  score_row(table, "urn:xccdf:scoring:default", util::fixed(summary.xccdf_default, 2), "100", summary.xccdf_default);
  score_row(table, "urn:xccdf:scoring:flat", util::fixed(summary.flat_score, 2), util::fixed(summary.flat_max, 2),
            summary.flat_max > 0 ? 100.0 * summary.flat_score / summary.flat_max : 100.0);
}

void tally_row(pugi::xml_node table, const std::string& name, const model::Tally& tally) {
  auto row = add(table, "tr");
  add_text(row, "td", name);
  add_text(row, "td", std::to_string(tally.pass), "num");
  add_text(row, "td", std::to_string(tally.fail), "num");
  add_text(row, "td", std::to_string(tally.error), "num");
  // Tally::percent() is 100 when nothing was scored; a reader should see that nothing was.
  if (tally.pass + tally.fail + tally.error == 0) {
    add_text(row, "td", "nothing scored", "muted");
  } else {
    meter(add(row, "td"), tally.percent());
  }
}

void breakdown(pugi::xml_node main, const model::Report& report) {
  const auto& summary = report.summary;
  auto section = add(main, "section");
  add_text(section, "h2", "Scores by section and level");
  auto table = add(section, "table", "scores");
  header_row(table, {"", "#Pass", "#Fail", "#Error", "Score"});
  for (const auto& [id, title] : report.sections) {
    if (const auto found = summary.by_section.find(id); found != summary.by_section.end()) tally_row(table, id + " " + title, found->second);
  }
  for (const auto& [level, tally] : summary.by_level) tally_row(table, "Level " + std::to_string(level), tally);
}

void parameters(pugi::xml_node main, const model::Report& report) {
  if (report.parameters.empty()) return;
  auto section = add(main, "section");
  add_text(section, "h2", "Site parameters");
  auto table = add(section, "table", "facts");
  for (const auto& [name, value] : report.parameters.items()) {
    auto row = add(table, "tr");
    add_text(add(row, "th"), "code", name);
    add_text(add(row, "td"), "code", value_text(value));
  }
}

}  // namespace

void render_html(const model::Report& report, TextOut& out) {
  pugi::xml_document document;
  auto root = document.append_child("html");
  root.append_attribute("lang") = "en";
  head(root, report);
  auto body = add(root, "body");
  masthead(body, report);
  auto main = add(body, "main");
  verdict(main, report);
  cards(main, report);
  auto grid = add(main, "div", "grid");
  characteristics(add(grid, "section"), report);
  scoring(add(grid, "section"), report);
  breakdown(main, report);
  parameters(main, report);
  rule_overview(main, report);
  rule_details_section(main, kRulesMarker);
  appendices(main, report);
  add_text(body, "footer", "Generated by dockcis " + report.tool.value("version", std::string()) + " at " + report.finished_at +
                               ". This report is one self-contained file: it loads nothing from the network.");
  add(body, "script").text().set(kHtmlScript);
  SubjectTexts subjects;
  const std::function<void(std::string&, std::size_t)> write_detail = [&](std::string& text, std::size_t index) {
    HtmlText html(text);
    rule_detail(html, report.results[index], subjects);
  };
  serialize(document, kRulesMarker, report.results.size(), write_detail, out);
}

std::string render_html(const model::Report& report) {
  TextOut out;
  render_html(report, out);
  return out.finish();
}

}  // namespace dockcis::report
