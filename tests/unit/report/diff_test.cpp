// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "report/diff.hpp"

using nlohmann::json;
using namespace dockcis;

namespace {
json make_report(double score, std::initializer_list<json> results) {
  return {{"schema", "dockcis.report/v1"}, {"summary", {{"score", score}}}, {"results", json(results)}};
}
json result(const char* key, const char* id, const char* state, json instances = json::array()) {
  return {{"key", key}, {"id", id}, {"title", std::string("t ") + id}, {"state", state}, {"instances", instances}};
}
json instance(const char* name, const char* state) { return {{"name", name}, {"state", state}}; }
}  // namespace

TEST_CASE("diff matches by key, so CIS renumbering between versions is not a change") {
  const auto older = make_report(50, {result("daemon.tls", "2.7", "fail"), result("daemon.live_restore", "2.15", "fail")});
  const auto newer = make_report(75, {result("daemon.tls", "2.8", "fail"), result("daemon.live_restore", "2.16", "pass")});
  const auto diff = report::diff_reports(older, newer);
  REQUIRE(diff.has_value());
  CHECK(diff->regressions.empty());
  REQUIRE(diff->fixes.size() == 1);
  CHECK(diff->fixes[0].id == "2.16");
  CHECK(diff->other.empty());
  CHECK(report::render_diff_text(*diff).starts_with("Score 50.0% -> 75.0% (+25.0)"));
}

TEST_CASE("a new failing container in an already failing check is a regression") {
  const auto older = make_report(0, {result("container.privileged", "5.5", "fail", json::array({instance("a", "fail")}))});
  const auto newer = make_report(0, {result("container.privileged", "5.5", "fail", json::array({instance("a", "pass"), instance("b", "fail")}))});
  const auto diff = report::diff_reports(older, newer);
  REQUIRE(diff->regressions.size() == 1);
  CHECK(diff->regressions[0].newly_failing == std::vector<std::string>{"b"});
  CHECK(diff->regressions[0].fixed == std::vector<std::string>{"a"});
  CHECK(report::diff_to_json(*diff)["regressions"][0]["newly_failing"][0] == "b");
}

TEST_CASE("errors count as bad; other changes are listed apart; non-reports are refused") {
  const auto older = make_report(0, {result("a.b", "1.1", "pass"), result("c.d", "1.2", "notapplicable")});
  const auto newer = make_report(0, {result("a.b", "1.1", "error"), result("c.d", "1.2", "manual")});
  const auto diff = report::diff_reports(older, newer);
  CHECK(diff->regressions.size() == 1);
  CHECK(diff->other.size() == 1);
  CHECK_FALSE(report::diff_reports(json::object(), newer).has_value());
}
