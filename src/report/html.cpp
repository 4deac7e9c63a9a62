// SPDX-License-Identifier: Apache-2.0
#include <string>
#include <tuple>
#include <vector>

#include "report/html_assets.hpp"
#include "report/html_rules.hpp"
#include "report/html_text.hpp"
#include "report/render.hpp"
#include "report/values.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;
using namespace html;

std::string docker_text(const model::Report& report) {
  std::string text = host_text(report, "docker_version");
  if (const auto api = host_text(report, "api_version"); !api.empty()) text += " (API " + api + ")";
  if (host_text(report, "rootless") == "true") text += ", rootless";
  return text;
}

void fact_row(HtmlText& html, const std::string& name, const std::string& value) {
  html.open("tr").element("th", name).element("td", value).close();
}

void head(HtmlText& html, const model::Report& report) {
  html.open("head");
  html.open("meta").attribute("charset", "utf-8").close();
  html.open("meta").attribute("name", "viewport").attribute("content", "width=device-width, initial-scale=1").close();
  html.open("meta").attribute("name", "generator").attribute("content", "dockcis " + report.tool.value("version", std::string())).close();
  html.element("title", "dockcis: " + host_text(report, "hostname") + " - " + report.profile_title);
  // Raw text: the stylesheet holds no character XML would escape (see html_assets.hpp).
  html.open("style").escaped(kHtmlStyle).close();
  html.close();
}

void masthead(HtmlText& html, const model::Report& report) {
  html.open("header", "top");
  html.element("div", "dockcis", "brand");
  html.element("h1", report.profile_title + " report for " + host_text(report, "hostname"));
  html.element("p", "Docker " + docker_text(report) + " · level " + report.level + " · finished " + report.finished_at, "subtitle");
  html.close();
}

// The oscap-style verdict: what failed, and what could not be decided.
void verdict(HtmlText& html, const model::Report& report) {
  const auto& total = report.summary.total;
  const bool compliant = total.fail == 0 && total.error == 0;
  html.open("section", compliant ? "alert ok" : "alert bad").attribute("id", "verdict");
  html.element("strong", compliant ? "Compliant." : "Not compliant.");
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
  html.text(text).close();
}

void cards(HtmlText& html, const model::Report& report) {
  const auto& summary = report.summary;
  html.open("div", "cards");
  auto card = [&](const std::string& label, const std::string& value, const std::string& css_class) {
    html.open("div", "card " + css_class).element("div", value, "value").element("div", label, "label").close();
  };
  const double score = summary.total.percent();
  card("Score", percent_text(score), score >= 100.0 ? "c-pass" : score >= 80.0 ? "c-manual" : "c-fail");
  card("Before waivers", percent_text(summary.before_waivers.percent()), "");
  for (State state : {State::pass, State::fail, State::error, State::manual, State::waived, State::notapplicable}) {
    card(std::string(model::to_string(state)), std::to_string(count(summary, state)), "c-" + std::string(model::to_string(state)));
  }
  html.close();
}

void characteristics(HtmlText& html, const model::Report& report) {
  html.open("section").element("h2", "Evaluation characteristics").open("table", "facts");
  fact_row(html, "Host", host_text(report, "hostname"));
  fact_row(html, "Machine id", host_text(report, "machine_id"));
  fact_row(html, "Operating system", host_text(report, "os"));
  fact_row(html, "Kernel", host_text(report, "kernel"));
  fact_row(html, "Docker", docker_text(report));
  fact_row(html, "Benchmark", report.profile_title + " (" + report.profile_id + ")");
  fact_row(html, "Level", report.level == "1" ? "Level 1" : "Level 1 and Level 2");
  fact_row(html, "Started", report.started_at);
  fact_row(html, "Finished", report.finished_at);
  fact_row(html, "Run id", report.run_id);
  fact_row(html, "Tool", report.tool.value("name", std::string()) + " " + report.tool.value("version", std::string()));
  fact_row(html, "Check files", report.checks_digest);
  html.close().close();
}

void score_row(HtmlText& html, const std::string& system, const std::string& score, const std::string& maximum, double percent) {
  html.open("tr").element("td", system).element("td", score, "num").element("td", maximum, "num").open("td");
  meter(html, percent);
  html.close().close();
}

void scoring(HtmlText& html, const model::Report& report) {
  const auto& summary = report.summary;
  html.open("section").element("h2", "Compliance and scoring").element("h3", "Results by state");
  std::vector<std::tuple<std::string, int, std::string>> states;
  for (State state : model::kAllStates) {
    const std::string name(model::to_string(state));
    if (state != State::notselected) states.emplace_back(name, count(summary, state), "s-" + name);
  }
  stacked_bar(html, states);
  html.element("h3", "Severity of failed recommendations");
  std::vector<std::tuple<std::string, int, std::string>> severities;
  for (auto severity = model::kAllSeverities.rbegin(); severity != model::kAllSeverities.rend(); ++severity) {
    const std::string name(model::to_string(*severity));
    const auto found = summary.failed_by_severity.find(*severity);
    severities.emplace_back(name, found == summary.failed_by_severity.end() ? 0 : found->second, "v-" + name);
  }
  stacked_bar(html, severities);
  html.element("h3", "Score").open("table", "scores");
  header_row(html, {"Scoring system", "#Score", "#Maximum", "Percent"});
  const auto scored = [](const model::Tally& tally) { return std::to_string(tally.pass + tally.fail + tally.error); };
  score_row(html, "dockcis (pass ÷ scored)", std::to_string(summary.total.pass), scored(summary.total), summary.total.percent());
  score_row(html, "Before waivers", std::to_string(summary.before_waivers.pass), scored(summary.before_waivers),
            summary.before_waivers.percent());
  score_row(html, "urn:xccdf:scoring:default", util::fixed(summary.xccdf_default, 2), "100", summary.xccdf_default);
  score_row(html, "urn:xccdf:scoring:flat", util::fixed(summary.flat_score, 2), util::fixed(summary.flat_max, 2),
            summary.flat_max > 0 ? 100.0 * summary.flat_score / summary.flat_max : 100.0);
  html.close().close();
}

void tally_row(HtmlText& html, const std::string& name, const model::Tally& tally) {
  html.open("tr").element("td", name);
  html.element("td", std::to_string(tally.pass), "num").element("td", std::to_string(tally.fail), "num");
  html.element("td", std::to_string(tally.error), "num");
  // Tally::percent() is 100 when nothing was scored; a reader should see that nothing was.
  if (tally.pass + tally.fail + tally.error == 0) {
    html.element("td", "nothing scored", "muted");
  } else {
    html.open("td");
    meter(html, tally.percent());
    html.close();
  }
  html.close();
}

void breakdown(HtmlText& html, const model::Report& report) {
  const auto& summary = report.summary;
  html.open("section").element("h2", "Scores by section and level").open("table", "scores");
  header_row(html, {"", "#Pass", "#Fail", "#Error", "Score"});
  for (const auto& [id, title] : report.sections) {
    if (const auto found = summary.by_section.find(id); found != summary.by_section.end()) tally_row(html, id + " " + title, found->second);
  }
  for (const auto& [level, tally] : summary.by_level) tally_row(html, "Level " + std::to_string(level), tally);
  html.close().close();
}

void parameters(HtmlText& html, const model::Report& report) {
  if (report.parameters.empty()) return;
  html.open("section").element("h2", "Site parameters").open("table", "facts");
  for (const auto& [name, value] : report.parameters.items()) {
    html.open("tr").open("th").element("code", name).close().open("td").element("code", value_text(value)).close().close();
  }
  html.close().close();
}

}  // namespace

// Written as text from the doctype to the end, as the DOM helpers of
// html_dom.hpp would print the same elements (html_text.hpp): no part of the
// report is a DOM, at any size.
void render_html(const model::Report& report, TextOut& out) {
  out.text() += "<!DOCTYPE html>\n";
  HtmlText html(out.text());
  html.open("html").attribute("lang", "en");
  head(html, report);
  html.open("body");
  masthead(html, report);
  html.open("main");
  verdict(html, report);
  cards(html, report);
  html.open("div", "grid");
  characteristics(html, report);
  scoring(html, report);
  html.close();
  breakdown(html, report);
  parameters(html, report);
  rule_overview(html, report);
  out.spill_if_full();
  html.open("section").attribute("id", "details").element("h2", "Rule details");
  SubjectTexts subjects;
  for (const auto& result : report.results) {
    rule_detail(html, result, subjects);
    out.spill_if_full();
  }
  subject_data(html, subjects);
  html.close();
  appendices(html, report);
  html.close();
  html.element("footer", "Generated by dockcis " + report.tool.value("version", std::string()) + " at " + report.finished_at +
                             ". This report is one self-contained file: it loads nothing from the network.");
  html.open("script").escaped(kHtmlScript).close();
  html.close().close();
  out.text() += "\n";
  out.spill_if_full();
}

std::string render_html(const model::Report& report) {
  TextOut out;
  render_html(report, out);
  return out.finish();
}

}  // namespace dockcis::report
