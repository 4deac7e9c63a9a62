// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include "report/render.hpp"

using namespace dockcis;
using model::json;
using model::State;

namespace {

const std::string kHostile = "web\x1b[31m<script>alert(1)</script>]]>\"'";

model::Report sample() {
  model::Report report;
  report.tool = {{"name", "dockcis"}, {"version", "0.1.0"}};
  report.run_id = "00000000-0000-0000-0000-000000000000";
  report.started_at = report.finished_at = "2026-11-23T12:00:00Z";
  report.host = {{"hostname", "host01"}, {"docker_version", "24.0.7"}, {"api_version", "1.43"}, {"rootless", false}};
  report.profile_id = "cis-docker-1.6.0";
  report.profile_title = "CIS Docker Benchmark v1.6.0";
  report.level = "2";
  report.sections = {{"2", "Docker daemon configuration"}, {"5", "Container Runtime Configuration"}};
  auto result = [&](const char* id, const char* section, State state, const char* severity) {
    model::CheckResult r;
    r.id = id;
    r.key = std::string("k.") + id;
    r.title = std::string("Title ") + id;
    r.section = section;
    r.state = state;
    r.severity = severity;
    r.reason = "reason " + std::string(id);
    r.remediation = "fix " + std::string(id);
    r.assessment = "manual";
    return r;
  };
  report.results.push_back(result("2.2", "2", State::pass, "medium"));
  auto failing = result("5.5", "5", State::fail, "critical");
  for (auto [name, state] : {std::pair{kHostile, State::fail}, {std::string("db"), State::pass}}) {
    model::InstanceResult instance;
    instance.id = name + "-id";
    instance.name = name;
    instance.image = "img";
    instance.state = state;
    instance.reason = "privileged";
    instance.evidence.push_back({"container.inspect", "/HostConfig/Privileged", state == State::fail, "eq", false, "privileged", ""});
    failing.instances.push_back(instance);
  }
  report.results.push_back(failing);
  report.results.push_back(result("5.7", "5", State::error, "medium"));
  report.results.back().reason = "could not read: permission denied (run as root)";
  report.results.push_back(result("5.9", "5", State::manual, "low"));
  report.results.push_back(result("5.2", "5", State::notapplicable, "low"));
  report.results.push_back(result("5.3", "5", State::notselected, "low"));
  report.summary.counts = {{State::pass, 1}, {State::fail, 1}, {State::error, 1}, {State::manual, 1}, {State::notapplicable, 1}, {State::notselected, 1}};
  report.summary.total = {1, 1, 1};
  report.summary.before_waivers = {1, 1, 1};
  report.summary.failed_by_severity = {{"critical", 1}};
  return report;
}

}  // namespace

TEST_CASE("text: summary first, failures with evidence and remediation, errors with hints") {
  const auto text = report::render_text(sample(), {});
  CHECK(text.find("Score 33.3%") != std::string::npos);
  CHECK(text.find("Failed by severity:  critical 1") != std::string::npos);
  CHECK(text.find("5.5 Title 5.5") != std::string::npos);
  CHECK(text.find("Fix: fix 5.5") != std::string::npos);
  CHECK(text.find("Hint: Run dockcis as root") != std::string::npos);
  CHECK(text.find("Score") < text.find("Failures"));
  CHECK(text.find("2.2 Title") == std::string::npos);  // passes only with --verbose
  CHECK(report::render_text(sample(), {.verbose = true}).find("2.2 Title 2.2") != std::string::npos);
}

TEST_CASE("text: no raw control characters from the host; colour only when asked") {
  const auto plain = report::render_text(sample(), {});
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find("web\\x1b[31m<script>") != std::string::npos);
  const auto coloured = report::render_text(sample(), {.color = true});
  CHECK(coloured.find("\x1b[31mFAIL\x1b[0m") != std::string::npos);
  CHECK(coloured.find("web\x1b[31m") == std::string::npos);
}

TEST_CASE("json: versioned, parses, notselected kept") {
  const auto document = json::parse(report::render_json(sample()));
  CHECK(document["schema"] == "dockcis.report/v1");
  CHECK(document["results"].size() == 6);
  CHECK(document["results"][1]["instances"][0]["name"] == kHostile);
  CHECK(document["results"][5]["state"] == "notselected");
}

TEST_CASE("junit: one suite per section, counts match, notselected omitted, control characters removed") {
  const auto xml = report::render_junit(sample(), {});
  CHECK(xml.find('\x1b') == std::string::npos);
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  const auto suites = document.child("testsuites");
  const auto section5 = suites.find_child_by_attribute("testsuite", "package", "cis-docker-1.6.0.5");
  REQUIRE(section5);
  CHECK(section5.attribute("tests").as_int() == 4);
  CHECK(section5.attribute("failures").as_int() == 1);
  CHECK(section5.attribute("errors").as_int() == 1);
  CHECK(section5.attribute("skipped").as_int() == 2);
  CHECK(std::string(section5.attribute("timestamp").value()) == "2026-11-23T12:00:00");
  const auto failure = section5.find_child_by_attribute("testcase", "name", "5.5 Title 5.5").child("failure");
  CHECK(std::string(failure.attribute("type").value()) == "critical");
  CHECK(std::string(failure.text().get()).find("fix 5.5") != std::string::npos);

  const auto per_instance = report::render_junit(sample(), {.junit_per_instance = true});
  pugi::xml_document instances;
  REQUIRE(instances.load_string(per_instance.c_str()));
  CHECK(instances.select_nodes("//testcase[starts-with(@name, '5.5 ')]").size() == 2);
}

TEST_CASE("html: self-contained, escaped, one script") {
  const auto html = report::render_html(sample());
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script>alert(1)") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;]]&gt;") != std::string::npos);
  std::size_t scripts = 0;
  for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
  CHECK(scripts == 1);
  CHECK(html.find("@media print") != std::string::npos);
}
