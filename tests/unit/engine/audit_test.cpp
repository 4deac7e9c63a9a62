// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "engine/audit.hpp"
#include "model/fact_kinds.hpp"
#include "test_catalogue.hpp"

using namespace dockcis;
using model::json;

namespace {

engine::AuditSettings fixed_settings() {
  engine::AuditSettings settings;
  settings.run_id = "run";
  settings.params = {"trusted_users=alice"};
  settings.clock = [] { return std::chrono::sys_days{std::chrono::year{2026} / 6 / 1}; };
  return settings;
}

// A host with three containers: a privileged one, a plain one, and one whose inspect could not be read.
model::FactStore three_containers() {
  model::FactStore facts;
  facts.set("engine.info", json{{"LiveRestoreEnabled", false}, {"Swarm", {{"LocalNodeState", "inactive"}}}});
  facts.set("daemon.config", json{{"options", json::object()}});
  facts.set("host.group:docker", json{{"exists", true}, {"members", json::array({"alice"})}});
  facts.set("engine.images", json::array());
  json list = json::array();
  for (const auto* name : {"a", "b", "c"}) {
    const std::string id = std::string(64, name[0]);
    list.push_back({{"Id", id}, {"Names", {std::string("/") + name}}, {"Image", "img"}, {"State", "running"}, {"Labels", json::object()}});
    const auto key = model::instance_key("container", id, "inspect");
    if (std::string(name) == "c") {
      facts.set(key, std::unexpected(model::Unavailable{"GET /containers/c/json: HTTP 500", model::ErrorKind::other}));
    } else {
      facts.set(key, json{{"HostConfig", {{"Privileged", std::string(name) == "a"}, {"NetworkMode", "bridge"}}}});
    }
    facts.set(model::instance_key("container", id, "processes"), json::array());
  }
  facts.set("engine.containers", list);
  return facts;
}

}  // namespace

TEST_CASE("audit_releasing gives the audit's report and lets each container's facts go") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  const auto kept = three_containers();
  const auto whole = engine::audit(catalogue, kept, fixed_settings());
  REQUIRE(whole);
  auto released = three_containers();
  const auto report = engine::audit_releasing(catalogue, released, fixed_settings());
  REQUIRE(report);
  CHECK(model::to_json(*report) == model::to_json(*whole));
  // The per-container checks were decided for every container, the one that could not be read included.
  const auto privileged = std::ranges::find(report->results, std::string("container.privileged"), &model::CheckResult::key);
  REQUIRE(privileged != report->results.end());
  CHECK(privileged->instances.size() == 3);
  CHECK(privileged->state == model::State::fail);
  // The inspect that failed is still among the run's errors: they are taken before the facts go.
  CHECK(std::ranges::any_of(report->errors, [](const model::CollectionError& error) { return error.fact.ends_with("/inspect"); }));
  // What the report no longer needs is gone; the list and the host-wide facts stay.
  for (const auto& [key, fact] : released.all()) CHECK_FALSE(key.starts_with("container/"));
  CHECK(released.find("engine.containers") != nullptr);
  CHECK(released.find("engine.info") != nullptr);
  CHECK(kept.all().size() == released.all().size() + 6);
}

TEST_CASE("a host identity that is not an object leaves the report's host unnamed; the audit goes on") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  for (const auto& identity : {json("host"), json(7), json(true), json::array({"host"})}) {
    CAPTURE(identity.dump());
    auto facts = three_containers();
    facts.set("host.identity", identity);
    facts.set("engine.version", json{{"Version", "24.0.7"}, {"ApiVersion", "1.43"}});
    const auto report = engine::audit(catalogue, facts, fixed_settings());
    REQUIRE(report);
    CHECK(report->host.is_object());
    CHECK(report->host.value("docker_version", "") == "24.0.7");
    CHECK_FALSE(report->host.contains("hostname"));
  }
}

TEST_CASE("audit_releasing keeps a container's facts until the last of its entries when the list names it twice") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  auto twice = three_containers();
  auto list = *twice.value("engine.containers");
  list.push_back(list[0]);
  twice.set("engine.containers", list);
  const auto kept = twice;
  const auto whole = engine::audit(catalogue, kept, fixed_settings());
  REQUIRE(whole);
  const auto report = engine::audit_releasing(catalogue, twice, fixed_settings());
  REQUIRE(report);
  CHECK(model::to_json(*report) == model::to_json(*whole));
}

TEST_CASE("two evaluation threads give the report of one, instances in the list's order, facts let go") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  // More containers than three batches hold, the last batch odd; every third
  // privileged, every seventh unreadable, and the first listed again at the end.
  auto many = three_containers();
  json list = json::array();
  for (int n = 0; n < 601; ++n) {
    const auto name = "c" + std::to_string(n);
    auto id = name;
    id.resize(64, 'f');
    list.push_back({{"Id", id}, {"Names", {"/" + name}}, {"Image", "img"}, {"State", "running"}, {"Labels", json::object()}});
    const auto key = model::instance_key("container", id, "inspect");
    if (n % 7 == 6) {
      many.set(key, std::unexpected(model::Unavailable{"GET /containers/" + name + "/json: HTTP 500", model::ErrorKind::other}));
    } else {
      many.set(key, json{{"HostConfig", {{"Privileged", n % 3 == 0}, {"NetworkMode", "bridge"}}}});
    }
    many.set(model::instance_key("container", id, "processes"), json::array());
  }
  list.push_back(list[0]);
  many.set("engine.containers", list);
  const auto kept = many;
  const auto serial = engine::audit(catalogue, kept, fixed_settings());
  REQUIRE(serial);
  auto settings = fixed_settings();
  settings.evaluation_threads = 2;
  const auto beside = engine::audit_releasing(catalogue, many, settings);
  REQUIRE(beside);
  CHECK(model::to_json(*beside) == model::to_json(*serial));
  const auto privileged = std::ranges::find(beside->results, std::string("container.privileged"), &model::CheckResult::key);
  REQUIRE(privileged != beside->results.end());
  REQUIRE(privileged->instances.size() == list.size());
  for (std::size_t at = 0; at < list.size(); ++at) CHECK(privileged->instances[at].id() == list[at]["Id"].get<std::string>());
  CHECK(privileged->instances[3].state == model::State::fail);
  CHECK(privileged->instances[4].state == model::State::pass);
  CHECK(privileged->instances[6].state == model::State::error);
  for (const auto& entry : list) CHECK(many.find(model::instance_key("container", entry["Id"].get<std::string>(), "inspect")) == nullptr);
}

TEST_CASE("a container list that is not an array is an error for every per-container check, on one thread or two") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  for (const auto& list : {json("x"), json{{"a", {{"Id", "a"}}}}, json(5)}) {
    for (const unsigned threads : {1U, 2U}) {
      auto facts = three_containers();
      facts.set("engine.containers", list);
      auto settings = fixed_settings();
      settings.evaluation_threads = threads;
      const auto report = engine::audit_releasing(catalogue, facts, settings);
      REQUIRE(report);
      const auto privileged = std::ranges::find(report->results, std::string("container.privileged"), &model::CheckResult::key);
      REQUIRE(privileged != report->results.end());
      CHECK(privileged->state == model::State::error);
      CHECK(privileged->instances.empty());
      CHECK(privileged->reason == std::string("could not list containers: the list is ") + list.type_name() + ", not an array");
    }
  }
}

TEST_CASE("a snapshot's collected_at is its report's time only when it is an RFC 3339 time") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  auto facts = three_containers();
  facts.meta["collected_at"] = "2026-03-04T05:06:07Z";
  auto report = engine::audit(catalogue, facts, fixed_settings());
  REQUIRE(report);
  CHECK(report->started_at == "2026-03-04T05:06:07Z");
  // The reports print it as times and dates (XCCDF's are schema types): a control character or a word is not taken.
  for (const auto& odd : {json("2026-12\x01-04T00:00:00Z"), json("yesterday"), json("2026-13-01T00:00:00Z"), json(20260304)}) {
    CAPTURE(odd.dump());
    facts.meta["collected_at"] = odd;
    report = engine::audit(catalogue, facts, fixed_settings());
    REQUIRE(report);
    CHECK(report->started_at == "2026-06-01T00:00:00Z");
  }
}
