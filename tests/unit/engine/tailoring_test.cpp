// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <deque>

#include "engine/tailoring.hpp"

using namespace dockcis;
using model::json;

TEST_CASE("a tailoring file selects, sets parameters and patches severity") {
  const auto tailoring = engine::parse_tailoring(json::parse(R"({
      "schema": "dockcis.tailoring/v1", "extends": "cis-docker-1.6.0", "level": 1,
      "only": ["5"], "skip": ["5.9"],
      "parameters": {"trusted_docker_users": ["deploy"]},
      "checks": {"container.privileged": {"severity": "critical"}}})"), "site.json");
  REQUIRE(tailoring.has_value());
  CHECK(tailoring->extends == "cis-docker-1.6.0");
  engine::Selection selection{2, {}, {"5.10"}};
  engine::apply_tailoring_selection(*tailoring, false, selection);
  CHECK(selection.level == 1);
  CHECK(selection.only == std::vector<std::string>{"5"});
  CHECK(selection.skip == std::vector<std::string>{"5.10", "5.9"});
  engine::Selection explicit_level{2, {}, {}};
  engine::apply_tailoring_selection(*tailoring, true, explicit_level);
  CHECK(explicit_level.level == 2);
  model::Check check;
  check.key = "container.privileged";
  check.severity = model::Severity::low;
  std::deque<model::Check> copies;
  const auto& tailored = engine::tailored_check(*tailoring, check, copies);
  CHECK(tailored.severity == model::Severity::critical);
  CHECK(check.severity == model::Severity::low);
  CHECK(&tailored == &copies.front());
  model::Check untouched;
  untouched.key = "container.memory_limit";
  CHECK(&engine::tailored_check(*tailoring, untouched, copies) == &untouched);
  CHECK(copies.size() == 1);
}

TEST_CASE("a malformed tailoring file is rejected with where and why") {
  struct Case { const char* text; const char* expected; };
  const Case cases[] = {
      {R"({"schema": "dockcis.tailoring/v1", "levle": 1})", "site.json:/levle: unknown key 'levle' (did you mean 'level'?)"},
      {R"({"extends": "x"})", "/schema"},
      {R"({"schema": "dockcis.tailoring/v1", "level": 3})", "/level: must be 1 or 2"},
      {R"({"schema": "dockcis.tailoring/v1", "only": "5"})", "/only: must be an array"},
      {R"({"schema": "dockcis.tailoring/v1", "checks": {"a": {"weight": 2}}})", "/checks/a/weight: only 'severity'"},
      {R"({"schema": "dockcis.tailoring/v1", "checks": {"a": {"severity": "urgent"}}})", "/checks/a/severity"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = engine::parse_tailoring(json::parse(c.text), "site.json");
    REQUIRE_FALSE(parsed.has_value());
    CHECK(engine::describe(parsed.error(), "the tailoring file").find(c.expected) != std::string::npos);
  }
}

TEST_CASE("every problem of a tailoring file is reported at once") {
  const auto parsed = engine::parse_tailoring(json::parse(R"({"schema": "dockcis.tailoring/v1", "levle": 1, "level": 5,
      "only": [1], "checks": {"a": {"severity": "urgnet"}}})"), "site.json");
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().size() == 4);
  CHECK(engine::describe(parsed.error(), "x").find("/checks/a/severity: 'urgnet' is not a valid severity") != std::string::npos);
}
