// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include <pugixml.hpp>

#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;

namespace {
std::string attribute(pugi::xml_node node, const char* name) { return node.attribute(name).value(); }
}  // namespace

TEST_CASE("junit: one suite per section in order, ids from 0, counts match the cases") {
  const auto xml = report::render_junit(sample::report(), {});
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>"));
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  int id = 0;
  std::vector<std::string> packages;
  for (auto suite : document.child("testsuites").children("testsuite")) {
    CHECK(suite.attribute("id").as_int() == id++);
    packages.push_back(attribute(suite, "package"));
    int tests = 0, failures = 0, errors = 0, skipped = 0;
    for (auto testcase : suite.children("testcase")) {
      ++tests;
      failures += testcase.child("failure") ? 1 : 0;
      errors += testcase.child("error") ? 1 : 0;
      skipped += testcase.child("skipped") ? 1 : 0;
      CHECK(attribute(testcase, "classname") == attribute(suite, "package"));
    }
    CHECK(suite.attribute("tests").as_int() == tests);
    CHECK(suite.attribute("failures").as_int() == failures);
    CHECK(suite.attribute("errors").as_int() == errors);
    CHECK(suite.attribute("skipped").as_int() == skipped);
    CHECK(attribute(suite, "timestamp") == "2026-11-23T12:00:00");
    CHECK(attribute(suite, "hostname") == "host01");
    // The strict schema's order: properties, testcases, system-out, system-err.
    CHECK(std::string(suite.first_child().name()) == "properties");
    CHECK(std::string(suite.last_child().name()) == "system-err");
  }
  CHECK(packages == std::vector<std::string>{"cis-docker-1.6.0.1", "cis-docker-1.6.0.2", "cis-docker-1.6.0.4", "cis-docker-1.6.0.5"});
}

TEST_CASE("junit: fail, error and skipped carry the reason; notselected is left out") {
  const auto xml = report::render_junit(sample::report(), {});
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  auto find = [&](const char* name) { return document.select_node(("//testcase[@name='" + std::string(name) + "']").c_str()).node(); };
  CHECK(find("1.1.1 Title of 1.1.1").first_child().type() == pugi::node_null);  // passed: no child

  const auto failure = find("5.5 Title of 5.5").child("failure");
  CHECK(attribute(failure, "type") == "critical");
  CHECK(attribute(failure, "message") == "1 of 3 containers fail");
  const std::string body = failure.text().get();
  CHECK(body.find("privileged = true, expected eq false") != std::string::npos);
  CHECK(body.find("Remediation: Remediation of 5.5.") != std::string::npos);
  CHECK(body.find("db (postgres:16)") == std::string::npos);  // passing containers are not evidence of failure

  CHECK(attribute(find("2.8 Title of 2.8").child("error"), "message") == "permission denied reading /etc/docker/daemon.json (run as root)");
  CHECK(attribute(find("5.9 Title of 5.9").child("skipped"), "message") == "manual: needs a person: review the evidence");
  CHECK(attribute(find("2.7 Title of 2.7").child("skipped"), "message") == "not applicable: no TCP listener");
  CHECK(attribute(find("5.10 Title of 5.10").child("skipped"), "message") == "waived by W-18: the load balancer needs the host network");
  CHECK(attribute(find("5.25 Title of 5.25").child("skipped"), "message") == "info: 2 containers use the default cgroup parent");
  CHECK_FALSE(find("2.18 Title of 2.18"));
}

TEST_CASE("junit: per-instance test cases have unique names") {
  const auto xml = report::render_junit(sample::report(), {.junit_per_instance = true});
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  std::set<std::string> names;
  int cases = 0;
  for (auto node : document.select_nodes("//testcase")) {
    names.insert(attribute(node.node(), "name"));
    ++cases;
  }
  CHECK(static_cast<int>(names.size()) == cases);
  CHECK(names.contains("5.5 Title of 5.5 [db]"));
  CHECK(names.contains("4.1 Title of 4.1 [sha256:1111]"));
  CHECK(document.select_node("//testcase[@name='5.5 Title of 5.5 [cadvisor]']/skipped"));
  CHECK(document.select_node("//testcase[@name='5.5 Title of 5.5 [db]']").node().first_child().type() == pugi::node_null);
  CHECK(document.select_nodes("//testcase[starts-with(@name, '5.5 ')]").size() == 3);
}

TEST_CASE("junit: no control character or invalid UTF-8 reaches the XML") {
  const std::string shown = "web\\x1b[31m<script>alert(1)</script>]]>\"'\\u009b2J\\u202eevil\\xff";
  for (bool per_instance : {false, true}) {
    const auto xml = report::render_junit(sample::report(), {.junit_per_instance = per_instance});
    CHECK(std::none_of(xml.begin(), xml.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t'; }));
    CHECK(xml.find("\xc2\x9b") == std::string::npos);
    CHECK(xml.find("\xff") == std::string::npos);
    pugi::xml_document document;
    REQUIRE(document.load_string(xml.c_str()));
    const auto section5 = document.child("testsuites").find_child_by_attribute("testsuite", "package", "cis-docker-1.6.0.5");
    if (per_instance) {
      CHECK(section5.find_child_by_attribute("testcase", "name", ("5.5 Title of 5.5 [" + shown + "]").c_str()).child("failure"));
    } else {
      const std::string body = section5.find_child_by_attribute("testcase", "name", "5.5 Title of 5.5").child("failure").text().get();
      CHECK(body.find(shown + " (registry.local/<img src=x onerror=alert(2)>:latest): fail") != std::string::npos);
    }
  }
}
