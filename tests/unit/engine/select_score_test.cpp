// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "engine/loader.hpp"
#include "engine/plan.hpp"
#include "engine/score.hpp"
#include "engine/select.hpp"
#include "test_catalogue.hpp"

using namespace dockcis;
using model::json;
using model::State;

namespace {
model::Recommendation recommendation(const std::string& id, int level, const std::string& key = "k") {
  model::Recommendation r;
  r.id = id;
  r.key = key;
  r.level = level;
  r.section = id.substr(0, id.find('.'));
  return r;
}
model::CheckResult result(const std::string& section, State state, const std::string& severity = "medium", int level = 1) {
  model::CheckResult r;
  r.section = section;
  r.state = state;
  r.severity = *model::parse_severity(severity);
  r.level = level;
  return r;
}
}  // namespace

TEST_CASE("level, only and skip selection") {
  engine::Selection level1{1, {}, {}};
  CHECK(engine::is_selected(recommendation("2.2", 1), level1));
  CHECK_FALSE(engine::is_selected(recommendation("2.9", 2), level1));
  engine::Selection level2{2, {}, {}};
  CHECK(engine::is_selected(recommendation("2.9", 2), level2));
  CHECK(engine::is_selected(recommendation("2.2", 1), level2));

  engine::Selection only_section{2, {"1.1"}, {}};
  CHECK(engine::is_selected(recommendation("1.1.10", 2), only_section));
  CHECK_FALSE(engine::is_selected(recommendation("1.2.1", 1), only_section));
  engine::Selection only_key{2, {"container.privileged"}, {}};
  CHECK(engine::is_selected(recommendation("5.5", 1, "container.privileged"), only_key));
  engine::Selection skip{2, {}, {"5", "2.2"}};
  CHECK_FALSE(engine::is_selected(recommendation("5.5", 1), skip));
  CHECK_FALSE(engine::is_selected(recommendation("2.2", 1), skip));
  CHECK(engine::is_selected(recommendation("2.20", 1), skip));
}

TEST_CASE("default profile follows the Docker version") {
  engine::Catalogue catalogue;
  for (auto [id, version, minimum] : {std::tuple{"cis-docker-1.6.0", "1.6.0", "0"}, {"cis-docker-1.7.0", "1.7.0", "23.0"},
                                      {"cis-docker-1.8.0", "1.8.0", "25.0"}}) {
    model::Profile profile;
    profile.id = id;
    profile.benchmark_version = version;
    profile.docker_min = minimum;
    catalogue.profiles.push_back(profile);
  }
  CHECK(engine::default_profile(catalogue, "20.10.24+dfsg1")->id == "cis-docker-1.6.0");
  CHECK(engine::default_profile(catalogue, "24.0.7")->id == "cis-docker-1.7.0");
  CHECK(engine::default_profile(catalogue, "28.2.2")->id == "cis-docker-1.8.0");
  CHECK(engine::default_profile(catalogue, "")->id == "cis-docker-1.6.0");
}

TEST_CASE("parameters: defaults, overrides, unknown names and types") {
  const auto loaded = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files());
  const auto& profile = loaded.catalogue.profiles.front();
  CHECK(*engine::effective_parameters(profile, json::object()) == json{{"trusted_users", json::array()}});
  CHECK((*engine::effective_parameters(profile, json{{"trusted_users", {"bob"}}}))["trusted_users"] == json::array({"bob"}));
  const auto unknown = engine::effective_parameters(profile, json{{"trusted_user", {"bob"}}});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().find("did you mean 'trusted_users'") != std::string::npos);
  CHECK_FALSE(engine::effective_parameters(profile, json{{"trusted_users", "bob"}}).has_value());
}

TEST_CASE("planning collects what the selected checks read") {
  const auto loaded = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files());
  const auto& checks = loaded.catalogue.checks;
  const auto facts = engine::plan_facts({&checks.at("container.privileged"), &checks.at("files.docker_service.mode")});
  CHECK(facts.contains("engine.containers"));
  CHECK(facts.contains("container.inspect"));
  CHECK(facts.contains("host.file:${unit:docker.service}"));
  CHECK_FALSE(facts.contains("host.group:docker"));
  CHECK_FALSE(facts.contains("engine.images"));
}

TEST_CASE("score: pass over pass, fail and error; other states do not count") {
  std::vector<model::CheckResult> results{
      result("1", State::pass), result("1", State::fail, "high"), result("2", State::pass), result("2", State::error),
      result("2", State::manual), result("3", State::notapplicable), result("3", State::notselected), result("5", State::pass, "low", 2)};
  std::vector<State> before;
  for (const auto& r : results) before.push_back(r.state);
  const auto summary = engine::score(results, before);
  CHECK(summary.total.pass == 3);
  CHECK(summary.total.fail == 1);
  CHECK(summary.total.error == 1);
  CHECK(summary.total.percent() == doctest::Approx(60.0));
  CHECK(summary.counts.at(State::manual) == 1);
  CHECK(summary.counts.at(State::notselected) == 1);
  CHECK(summary.failed_by_severity.at(model::Severity::high) == 1);
  CHECK(summary.by_section.at("1").percent() == doctest::Approx(50.0));
  CHECK(summary.by_level.at(2).pass == 1);
  // Sections 1 (50), 2 (50) and 5 (100) scored; section 3 did not.
  CHECK(summary.xccdf_default == doctest::Approx(200.0 / 3));
  CHECK(summary.flat_score == doctest::Approx(3));
  CHECK(summary.flat_max == doctest::Approx(5));
}

TEST_CASE("score before waivers counts waived results as what they were") {
  std::vector<model::CheckResult> results{result("5", State::pass), result("5", State::waived)};
  const auto summary = engine::score(results, {State::pass, State::fail});
  CHECK(summary.total.percent() == doctest::Approx(100.0));
  CHECK(summary.before_waivers.percent() == doctest::Approx(50.0));
}
