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

TEST_CASE("a v1 report against a v2 one: v2 instances are named through the report's subjects") {
  const auto older = make_report(0, {result("container.privileged", "5.5", "fail", json::array({instance("a", "fail"), instance("c", "fail")}))});
  json newer = make_report(0, {result("container.privileged", "5.5", "fail",
                                      json::array({{{"subject", 1}, {"state", "pass"}}, {{"subject", 0}, {"state", "fail"}},
                                                   {{"subject", 2}, {"state", "fail"}}, {{"subject", 99}, {"state", "fail"}},
                                                   {{"subject", "0"}, {"state", "fail"}}}))});
  newer["schema"] = "dockcis.report/v2";
  newer["subjects"] = json::array({{{"name", "b"}}, {{"name", "a"}}, {{"name", "c"}}});
  const auto diff = report::diff_reports(older, newer);
  REQUIRE(diff.has_value());
  REQUIRE(diff->regressions.size() == 1);
  // A subject out of range or not a position names nothing.
  CHECK(diff->regressions[0].newly_failing == std::vector<std::string>{"b"});
  CHECK(diff->regressions[0].fixed == std::vector<std::string>{"a"});
}

TEST_CASE("parts of another shape are skipped, never thrown on") {
  json odd = make_report(0, {});
  odd["results"] = json::array({1, "x", json::array(), {{"key", 5}, {"state", json::object()}, {"instances", json::array({1, {{"state", "fail"}}})}}});
  odd["summary"] = "high";
  auto v2 = odd;
  v2["schema"] = "dockcis.report/v2";
  v2["subjects"] = json::object();
  for (const auto& pair : {std::pair{odd, v2}, std::pair{v2, odd}}) {
    const auto diff = report::diff_reports(pair.first, pair.second);
    REQUIRE(diff.has_value());
    CHECK(diff->old_score == 0);
  }
  odd["results"] = json::object();
  CHECK_FALSE(report::diff_reports(odd, v2).has_value());
  odd["schema"] = "dockcis.report/v3";
  odd["results"] = json::array();
  CHECK_FALSE(report::diff_reports(odd, v2).has_value());
}
