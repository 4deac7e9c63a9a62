// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "report/clean_text.hpp"
#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;

namespace {

std::string text_of(pugi::xml_node node) { return node.text().get(); }
std::string attribute(pugi::xml_node node, const char* name) { return node.attribute(name).value(); }

// The report with catalogue texts as a tampered check file could hold them.
model::Report hostile_catalogue() {
  auto report = sample::report();
  auto& rule = report.results.front();
  rule.title = "<b>bold</b> & \"quoted\" ]]> " + sample::kHostileName;
  rule.description = "line one\nline two\x01 <end>";
  rule.references.push_back(std::string("before\0after", 12));
  rule.controls.push_back({"cis-controls-v8", "4.1\x1b[2J\xe2\x80\xae", ""});
  report.profile_title = "CIS <Docker> & \"friends\"";
  report.host["hostname"] = sample::kHostileName;
  return report;
}

}  // namespace

TEST_CASE("xccdf: the Benchmark holds a Group per section and a Rule and a select per check, in order") {
  const auto report = sample::report();
  const auto xml = report::render_xccdf(report);
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\""));
  CHECK(xml.ends_with("  </TestResult>\n</Benchmark>\n"));
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  const auto benchmark = document.child("Benchmark");
  std::vector<std::string> rules;
  std::vector<std::string> groups;
  for (auto group : benchmark.children("Group")) {
    groups.push_back(attribute(group, "id"));
    for (auto rule : group.children("Rule")) {
      rules.push_back(attribute(rule, "id"));
      CHECK(rule.child("check").child("check-content-ref").attribute("name"));
      CHECK_FALSE(text_of(rule.child("fixtext")).empty());
    }
  }
  CHECK(groups == std::vector<std::string>{"xccdf_org.dockcis_group_section-1", "xccdf_org.dockcis_group_section-2",
                                           "xccdf_org.dockcis_group_section-4", "xccdf_org.dockcis_group_section-5"});
  std::vector<std::string> selects;
  for (auto select : benchmark.child("Profile").children("select")) selects.push_back(attribute(select, "idref"));
  REQUIRE(rules.size() == report.results.size());
  CHECK(selects == rules);
  // Multiple results only where there are instances; notselected is unselected.
  const auto swarm = benchmark.find_node([](pugi::xml_node node) { return attribute(node, "id") == "xccdf_org.dockcis_rule_daemon.swarm_secrets"; });
  CHECK(attribute(swarm, "selected") == "false");
  const auto privileged = benchmark.find_node([](pugi::xml_node node) { return attribute(node, "id") == "xccdf_org.dockcis_rule_container.privileged"; });
  CHECK(attribute(privileged, "multiple") == "true");
  CHECK_FALSE(benchmark.find_node([](pugi::xml_node node) { return attribute(node, "id") == "xccdf_org.dockcis_rule_host.partition"; })
                  .attribute("multiple"));
  const auto test = benchmark.child("TestResult");
  CHECK(attribute(test, "start-time") == "2026-11-23T12:00:00");
  CHECK(text_of(test.child("target")) == "host01");
  std::size_t rule_results = 0;
  for ([[maybe_unused]] auto result : test.children("rule-result")) ++rule_results;
  CHECK(rule_results == 1 + 1 + 1 + 1 + 1 + 1 + 2 + 3 + 1 + 1 + 1 + 1);
  CHECK(text_of(test.child("score")) == "18.75");
}

TEST_CASE("xccdf: catalogue and host texts are text, never markup, read back as they were cleaned") {
  const auto report = hostile_catalogue();
  const auto xml = report::render_xccdf(report);
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  const auto benchmark = document.child("Benchmark");
  CHECK(text_of(benchmark.child("title")) == report::clean_text(report.profile_title, true));
  const auto rule = benchmark.child("Group").child("Rule");
  REQUIRE(attribute(rule, "id") == "xccdf_org.dockcis_rule_host.partition");
  const auto& result = report.results.front();
  CHECK(text_of(rule.child("title")) == report::clean_text(result.id + " " + result.title, true));
  CHECK(text_of(rule.child("description")) == report::clean_text(result.description, true));
  std::vector<std::string> references;
  for (auto reference : rule.children("reference")) references.push_back(text_of(reference));
  // A NUL ends a reference's text; a control id is cleaned like any host text.
  CHECK(references == std::vector<std::string>{"CIS Docker Benchmark 1.1.1", "before", report::clean_text("4.1\x1b[2J\xe2\x80\xae")});
  const auto hostname = report::clean_text(sample::kHostileName);
  CHECK(text_of(benchmark.child("TestResult").child("target")) == hostname);
  CHECK(xml.find("<script>") == std::string::npos);
  CHECK(xml.find('\x1b') == std::string::npos);
}
