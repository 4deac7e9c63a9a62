// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "report/html_assets.hpp"
#include "report/html_instances.hpp"
#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;

namespace {

// The report is serialised from a DOM, so (after the doctype) it parses as XML.
pugi::xml_document parse(const std::string& html) {
  pugi::xml_document document;
  const auto body = html.substr(html.find('\n') + 1);
  const auto parsed = document.load_string(body.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  return document;
}

std::string all_text(pugi::xml_node node) {
  std::string text;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata) text += child.value();
    text += all_text(child);
  }
  return text;
}

// A <script type="application/json"> data element of the page, parsed:
// nothing in it could end the element or would need HTML to decode it.
nlohmann::json script_data(const pugi::xml_document& document, const std::string& id) {
  const auto script = document.select_node(("//script[@id='" + id + "']").c_str()).node();
  REQUIRE_MESSAGE(script, id);
  CHECK(std::string(script.attribute("type").value()) == "application/json");
  const std::string data = script.child_value();
  CHECK(data.find_first_of("<>&") == std::string::npos);
  return nlohmann::json::parse(data);
}

}  // namespace

TEST_CASE("html: one self-contained document with one script and no external reference") {
  const auto html = report::render_html(sample::report());
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"));
  const auto document = parse(html);
  CHECK(document.select_nodes("//script").size() == 1);
  CHECK(document.select_nodes("//style").size() == 1);
  CHECK(document.select_nodes("//img | //link | //iframe | //object | //embed").empty());
  for (auto node : document.select_nodes("//*[@href]")) CHECK(std::string(node.node().attribute("href").value()).starts_with("#rule-"));
  CHECK(document.select_nodes("//*[@src]").empty());
  for (auto node : document.select_nodes("//@*")) CHECK_FALSE(std::string(node.attribute().name()).starts_with("on"));
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("html: the inline stylesheet and script hold nothing XML would escape") {
  // Inside <style> and <script> HTML does not decode entities: '&lt;' would reach the parser as is.
  for (const std::string asset : {report::kHtmlStyle, report::kHtmlScript}) {
    CHECK(asset.find_first_of("<>&") == std::string::npos);
  }
}

TEST_CASE("html: hostile host values are text, never markup") {
  const auto html = report::render_html(sample::report());
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("\"><script>") == std::string::npos);
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find("\xc2\x9b") == std::string::npos);
  CHECK(html.find("\xe2\x80\xae") == std::string::npos);
  CHECK(html.find("\xff") == std::string::npos);
  const auto text = all_text(parse(html));
  CHECK(text.find("web\\x1b[31m<script>alert(1)</script>]]>\"'\\u009b2J\\u202eevil\\xff") != std::string::npos);
  CHECK(text.find("registry.local/<img src=x onerror=alert(2)>:latest") != std::string::npos);
  CHECK(text.find("/srv/<script>alert(3)</script>]]>") != std::string::npos);
  CHECK(text.find("label \"><script>alert(4)</script>") != std::string::npos);
  CHECK(text.find("Debian GNU/Linux 12 <b>(bookworm)</b>") != std::string::npos);
  CHECK(text.find("cAdvisor needs </td> /dev/kmsg") != std::string::npos);
}

TEST_CASE("html: HTML5 serialisation; only void elements are self-closed") {
  const auto html = report::render_html(sample::report());
  static const std::set<std::string> kVoid{"meta", "input", "br", "hr", "img", "link"};
  const std::regex self_closed("<([a-z0-9]+)[^<>]*/>");
  std::set<std::string> closed;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), self_closed); it != std::sregex_iterator(); ++it) closed.insert((*it)[1].str());
  CHECK(closed == std::set<std::string>{"input", "meta"});
  CHECK(html.find("</input>") == std::string::npos);
  CHECK(html.find("</meta>") == std::string::npos);
}

TEST_CASE("html: every check has an overview row and an open details block") {
  const auto sample = sample::report();
  const auto document = parse(report::render_html(sample));
  for (const auto& result : sample.results) {
    const auto row = document.select_node(("//tr[@data-target='rule-" + result.id + "']").c_str()).node();
    REQUIRE_MESSAGE(row, result.id);
    CHECK(std::string(row.attribute("data-state").value()) == model::to_string(result.state));
    CHECK(std::string(row.attribute("data-section").value()) == result.section);
    const auto details = document.select_node(("//details[@id='rule-" + result.id + "']").c_str()).node();
    REQUIRE(details);
    // Open in the file: without JavaScript everything is readable.
    CHECK(std::string(details.attribute("open").value()) == "open");
  }
  CHECK(document.select_nodes("//tr[@class='section-row']").size() == sample.sections.size());
  // The filter bar is hidden until the script shows it.
  CHECK(std::string(document.select_node("//*[@id='filters']").node().attribute("class").value()) == "filters hidden");
  CHECK(document.select_nodes("//input[@class='state-filter']").size() == model::kAllStates.size());
}

TEST_CASE("html: verdict, scores, per-container table, waiver and appendices") {
  const auto document = parse(report::render_html(sample::report()));
  const auto verdict = all_text(document.select_node("//*[@id='verdict']").node());
  CHECK(verdict == "Not compliant. The host did not satisfy 5 recommendations. 1 result could not be decided; it counts against the "
                   "score, because failing to look is not passing. 1 recommendation needs a person's review.");
  const auto text = all_text(document);
  CHECK(text.find("14.3%") != std::string::npos);
  CHECK(text.find("12.5%") != std::string::npos);
  CHECK(text.find("urn:xccdf:scoring:default") != std::string::npos);
  const auto privileged = document.select_node("//details[@id='rule-5.5']").node();
  CHECK(privileged.select_nodes(".//table[@class='instances']/tr").size() == 4);  // header + 3 containers
  CHECK(all_text(privileged).find("Instances (1 of 3 fail)") != std::string::npos);
  CHECK(all_text(privileged).find("was fail") != std::string::npos);
  CHECK(all_text(document.select_node("//details[@id='rule-5.10']").node())
            .find("Waived by W-18: without the waiver this recommendation would be fail.") != std::string::npos);
  const auto errors = all_text(document.select_node("//section[@id='errors']").node());
  CHECK(errors.find("permission denied reading /etc/docker/daemon.json") != std::string::npos);
  CHECK(errors.find("Run dockcis as root") != std::string::npos);
  CHECK(document.select_nodes("//section[@id='waivers']//tr").size() == 3);
}

TEST_CASE("html: a compliant report says so") {
  auto sample = sample::report();
  sample.summary.total = {3, 0, 0};
  const auto document = parse(report::render_html(sample));
  CHECK(std::string(document.select_node("//*[@id='verdict']").node().attribute("class").value()) == "alert ok");
}

TEST_CASE("html: a daemon option's sources side by side in a table under the finding") {
  const auto html = report::render_html(sample::report());
  const auto rule = html.find("id=\"rule-2.2\"");
  const auto table = html.find("<table class=\"setting\">");
  REQUIRE(table != std::string::npos);
  CHECK(rule < table);
  CHECK(table < html.find("id=\"rule-2.7\""));
  CHECK(html.find("<tr class=\"decides\"><td>command line</td><td><code>--icc=false</code></td><td><code>false</code></td><td>decides</td></tr>") !=
        std::string::npos);
  CHECK(html.find("<tr class=\"disagrees\"><td>daemon.json</td><td><code>/srv/&lt;script&gt;alert(3)&lt;/script&gt;]]&gt;/daemon.json</code>") !=
        std::string::npos);
  CHECK(html.find("Option icc: command line decides; the sources disagree; daemon.json changed after dockerd started") != std::string::npos);
}

TEST_CASE("html: texts that differ on the host but read the same once cleaned are one string of the row data") {
  auto report = sample::long_report();
  auto& privileged = *std::ranges::find(report.results, std::string("5.5"), &model::CheckResult::id);
  // An escape character, and the four characters a cleaned escape character reads as.
  privileged.instances[10].reason = "odd\x1b";
  privileged.instances[11].reason = "odd\\x1b";
  const auto document = parse(report::render_html(report));
  const auto rows = script_data(document, "instances-5.5");
  const auto& strings = rows.at("strings");
  CHECK(std::ranges::count(strings, nlohmann::json("odd\\x1b")) == 1);
  CHECK(rows["rows"][10][3] == rows["rows"][11][3]);
}

TEST_CASE("html: a long instance list holds one page of rows and every row as data") {
  const auto html = report::render_html(sample::long_report());
  const auto document = parse(html);
  const auto table = document.select_node("//details[@id='rule-5.5']//table[@class='instances']").node();
  REQUIRE(table);
  CHECK(std::string(table.attribute("data-rows").value()) == "instances-5.5");
  CHECK(std::string(table.attribute("data-count").value()) == "123");
  CHECK(table.select_nodes("thead/tr").size() == 1);
  CHECK(table.select_nodes("tbody/tr").size() == report::html::kInstancesPerPage);
  // Hidden until the script runs; the note is for readers without it.
  CHECK(std::string(table.previous_sibling().attribute("class").value()) == "pager hidden");
  CHECK(all_text(table.next_sibling()) == "The first 50 of 123 instances are listed; with JavaScript the table pages through every one, and the JSON report lists each.");
  const auto rows = script_data(document, "instances-5.5");
  const auto& strings = rows.at("strings");
  REQUIRE(rows.at("rows").size() == 123);
  // The containers are named once for the page, a row gives its container's position.
  const auto subjects = script_data(document, "instance-subjects");
  CHECK(subjects.size() == 123);
  const auto subject = [&](std::size_t row, std::size_t part) {
    return subjects.at(rows["rows"][row][0].get<std::size_t>()).at(part).get<std::string>();
  };
  const auto field = [&](std::size_t row, std::size_t column) { return strings.at(rows["rows"][row][column].get<std::size_t>()).get<std::string>(); };
  CHECK(subject(0, 0) == "web\\x1b[31m<script>alert(1)</script>]]>\"'\\u009b2J\\u202eevil\\xff");
  CHECK(subject(2, 0) == "cadvisor");
  CHECK(subject(122, 2) == "registry.local/<img src=x onerror=alert(2)>:latest");
  CHECK(field(2, 1) == "waived");
  CHECK(field(2, 2) == "fail");
  CHECK(field(2, 3) == "waived by W-17: cAdvisor needs /dev/kmsg (waiver W-17)");
  CHECK(field(3, 4) == "privileged: true  (expected eq false)\n");
  // Texts rows share are stored once: a few reasons, states and evidence.
  CHECK(strings.size() < 12);
  CHECK(std::ranges::count(strings, nlohmann::json("privileged is true, expected equal to false")) == 1);
  CHECK(html.find("<script>alert") == std::string::npos);
}

TEST_CASE("html: the containers of every paged table are named once for the page") {
  auto report = sample::long_report();
  auto again = *std::ranges::find(report.results, std::string("5.5"), &model::CheckResult::id);
  again.id = "5.31";  // the same containers (one subject each, shared) in a second table
  report.results.push_back(again);
  const auto document = parse(report::render_html(report));
  REQUIRE(document.select_nodes("//script[@id='instance-subjects']").size() == 1);
  const auto subjects = script_data(document, "instance-subjects");
  CHECK(subjects.size() == 123);
  const auto first = script_data(document, "instances-5.5").at("rows");
  const auto second = script_data(document, "instances-5.31").at("rows");
  REQUIRE(first.size() == second.size());
  for (std::size_t row = 0; row < first.size(); ++row) CHECK(first[row][0] == second[row][0]);
  // Each container once, at its first row's position.
  CHECK(first[0][0] == 0);
  CHECK(first[122][0] == 122);
}

TEST_CASE("html: a page without a paged table has no subjects' list") {
  const auto html = report::render_html(sample::report());
  CHECK(html.find("id=\"instance-subjects\"") == std::string::npos);
}
