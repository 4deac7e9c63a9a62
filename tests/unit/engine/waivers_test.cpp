// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "engine/score.hpp"
#include "engine/waivers.hpp"

using namespace dockcis;
using model::json;
using model::State;

namespace {

std::vector<engine::Waiver> parse(const char* text, bool allow_permanent = false) {
  auto waivers = engine::parse_waivers(json::parse(text), "waivers.json", allow_permanent);
  REQUIRE_MESSAGE(waivers.has_value(), (waivers ? "" : engine::describe(waivers.error(), "waivers")));
  return *waivers;
}

model::CheckResult container_check() {
  model::CheckResult result;
  result.key = "container.privileged";
  result.state = State::fail;
  for (auto [id, name, state] : {std::tuple{"c1", "cadvisor", State::fail}, {"c2", "web", State::pass}, {"c3", "db", State::fail}}) {
    model::InstanceResult instance(id, name, "img");
    instance.state = state;
    result.instances.push_back(instance);
  }
  return result;
}

model::FactStore containers() {
  model::FactStore facts;
  facts.set("engine.containers", json::array({{{"Id", "c1"}, {"Labels", {{"team", "infra"}}}},
                                              {{"Id", "c2"}, {"Labels", json::object()}},
                                              {{"Id", "c3"}, {"Labels", {{"team", "infra"}}}}}));
  return facts;
}

}  // namespace

TEST_CASE("a waiver for one container leaves the others failing") {
  auto waivers = parse(R"({"schema": "dockcis.waivers/v1", "waivers": [
      {"id": "W-17", "check": "container.privileged", "instance": {"name": "cadvisor"},
       "justification": "needs /dev/kmsg", "approver": "sec", "expires": "2099-01-01"}]})");
  std::vector<model::CheckResult> results{container_check()};
  const auto appendix = engine::apply_waivers(waivers, containers(), "2026-11-23", results);
  CHECK(results[0].state == State::fail);
  CHECK(results[0].instances[0].state == State::waived);
  CHECK(results[0].instances[0].original_state == State::fail);
  CHECK(results[0].instances[0].waiver == "W-17");
  CHECK(results[0].instances[2].state == State::fail);
  CHECK(appendix[0]["status"] == "applied");
}

TEST_CASE("waiving every failing container waives the check; the score before waivers remembers") {
  auto waivers = parse(R"({"schema": "dockcis.waivers/v1", "waivers": [
      {"check": "container.privileged", "instance": {"label": "team=infra"}, "justification": "j", "expires": "2099-01-01"}]})");
  std::vector<model::CheckResult> results{container_check()};
  engine::apply_waivers(waivers, containers(), "2026-11-23", results);
  CHECK(results[0].state == State::waived);
  CHECK(results[0].original_state == State::fail);
  const auto summary = engine::score(results, {State::fail});
  CHECK(summary.total.pass + summary.total.fail + summary.total.error == 0);
  CHECK(summary.before_waivers.fail == 1);
}

TEST_CASE("expired waivers change nothing and say so; passing checks are not waived") {
  auto waivers = parse(R"({"schema": "dockcis.waivers/v1", "waivers": [
      {"id": "old", "check": "container.privileged", "justification": "j", "expires": "2025-06-30"},
      {"id": "unneeded", "check": "daemon.icc", "justification": "j", "expires": "2099-01-01"},
      {"id": "stray", "check": "no.such.check", "justification": "j", "expires": "2099-01-01"}]})");
  model::CheckResult icc;
  icc.key = "daemon.icc";
  icc.state = State::pass;
  std::vector<model::CheckResult> results{container_check(), icc};
  const auto appendix = engine::apply_waivers(waivers, containers(), "2026-11-23", results);
  CHECK(results[0].state == State::fail);
  CHECK(results[1].state == State::pass);
  CHECK(appendix[0]["status"] == "expired");
  CHECK(appendix[1]["status"] == "not needed");
  CHECK(appendix[2]["status"] == "unused");
}

TEST_CASE("a host-wide waiver keeps the original state") {
  auto waivers = parse(R"({"schema": "dockcis.waivers/v1", "waivers": [
      {"id": "W1", "check": "daemon.icc", "justification": "legacy app", "expires": "never"}]})", true);
  model::CheckResult icc;
  icc.key = "daemon.icc";
  icc.state = State::fail;
  std::vector<model::CheckResult> results{icc};
  engine::apply_waivers(waivers, {}, "2026-11-23", results);
  CHECK(results[0].state == State::waived);
  CHECK(results[0].original_state == State::fail);
  CHECK(results[0].reason == "waived by W1: legacy app");
}

TEST_CASE("malformed waivers are rejected, all problems at once") {
  const auto parsed = engine::parse_waivers(json::parse(R"({"schema": "dockcis.waivers/v1", "waivers": [
      {"check": "a", "expires": "2099-01-01"},
      {"check": "a", "justification": "j"},
      {"check": "a", "justification": "j", "expires": "soon", "owner": "x"},
      {"check": "a", "justification": "j", "expires": "never"},
      {"check": "a", "justification": "j", "expires": "2099-01-01", "instance": {"name": "(["}},
      {"check": "a", "justification": "j", "expires": "2027-02-29"}]})"),
                                            "w.json", false);
  REQUIRE_FALSE(parsed.has_value());
  const auto message = engine::describe(parsed.error(), "the waivers file");
  CHECK(message.find("/waivers/0: 'justification' is required") != std::string::npos);
  CHECK(message.find("/waivers/1: 'expires' (YYYY-MM-DD) is required") != std::string::npos);
  CHECK(message.find("/waivers/2/expires: 'soon' is not a date") != std::string::npos);
  CHECK(message.find("/waivers/2/owner: unknown key") != std::string::npos);
  CHECK(message.find("--allow-permanent-waivers") != std::string::npos);
  CHECK(message.find("invalid regular expression") != std::string::npos);
  CHECK(message.find("/waivers/5/expires: '2027-02-29' is not a date") != std::string::npos);
  CHECK_FALSE(engine::parse_waivers(json::object(), "w.json", false).has_value());
}
