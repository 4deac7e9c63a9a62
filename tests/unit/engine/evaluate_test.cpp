// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "engine/evaluate.hpp"
#include "engine/loader.hpp"
#include "engine/value_types.hpp"
#include "model/fact_kinds.hpp"
#include "test_catalogue.hpp"

using namespace dockcis;
using model::json;
using model::State;

namespace {

struct Fixture {
  engine::Catalogue catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  model::FactStore facts;
  json parameters = json{{"trusted_users", json::array({"alice"})}};

  Fixture() {
    facts.set("engine.info", json{{"LiveRestoreEnabled", false}, {"Swarm", {{"LocalNodeState", "inactive"}}}});
    facts.set("daemon.config", json{{"options", json::object()}});
    facts.set("host.file:${unit:docker.service}", json{{"path", "/lib/systemd/system/docker.service"}, {"exists", true}, {"mode", 0644}});
    facts.set("host.group:docker", json{{"exists", true}, {"members", json::array({"alice"})}});
    facts.set("engine.images", json::array({{{"Id", "sha256:1"}, {"RepoTags", {"app:1"}}}}));
    facts.set("engine.containers", json::array());
  }

  model::CheckResult run(const std::string& id, bool running_only = false) {
    const auto& profile = catalogue.profiles.front();
    for (const auto& recommendation : profile.recommendations) {
      if (recommendation.id == id) {
        const engine::EvalContext context{facts, parameters, running_only};
        return engine::evaluate_check(catalogue.checks.at(recommendation.key), recommendation, context);
      }
    }
    FAIL("no recommendation " << id);
    return {};
  }

  void add_container(const std::string& id, const std::string& name, const std::string& state, const model::Fact& inspect) {
    auto list = *facts.find("engine.containers");
    list->push_back({{"Id", id}, {"Names", {"/" + name}}, {"Image", "img"}, {"State", state}});
    facts.set("engine.containers", *list);
    facts.set(model::instance_key("container", id, "inspect"), inspect);
  }
};

json inspect(bool privileged) { return {{"HostConfig", {{"Privileged", privileged}}}}; }

}  // namespace

TEST_CASE("per-container checks give one result per container and fail if any fails") {
  Fixture f;
  f.add_container("c1", "web", "running", inspect(false));
  f.add_container("c2", "db", "exited", inspect(true));
  f.add_container("c3", "new", "created", inspect(false));
  const auto result = f.run("5.5");
  CHECK(result.state == State::fail);
  REQUIRE(result.instances.size() == 3);
  CHECK(result.instances[0].name() == "web");
  CHECK(result.instances[0].state == State::pass);
  CHECK(result.instances[1].state == State::fail);
  CHECK(result.instances[1].evidence.front().actual == true);
  CHECK(result.reason == "The container's settings (Privileged) is on; required: off (1 of 3 containers)");
  CHECK(result.id == "5.5");
  CHECK(result.key == "container.privileged");

  const auto running = f.run("5.5", true);
  CHECK(running.state == State::pass);
  CHECK(running.instances.size() == 1);
}

TEST_CASE("a container that could not be inspected is an error, never a pass") {
  Fixture f;
  f.add_container("c1", "web", "running", inspect(false));
  f.add_container("c2", "gone", "running", std::unexpected(model::Unavailable{"container gone was removed during the scan"}));
  const auto result = f.run("5.5");
  CHECK(result.state == State::error);
  CHECK(result.instances[1].state == State::error);
  CHECK(result.instances[1].reason.find("removed during the scan") != std::string::npos);
  CHECK(result.reason.find("1 of 2") != std::string::npos);
}

TEST_CASE("a null or a value of another kind where a check compares is an error for that container") {
  Fixture f;
  f.add_container("c1", "web", "running", json{{"HostConfig", {{"Privileged", nullptr}}}});
  f.add_container("c2", "db", "running", json{{"HostConfig", {{"Privileged", "no"}}}});
  f.add_container("c3", "ok", "running", inspect(false));
  const auto result = f.run("5.5");
  CHECK(result.state == State::error);
  REQUIRE(result.instances.size() == 3);
  CHECK(result.instances[0].state == State::error);
  CHECK(result.instances[0].reason.find("the answer has null for /HostConfig/Privileged") != std::string::npos);
  CHECK(result.instances[1].state == State::error);
  CHECK(result.instances[1].reason.find("expected a boolean, found a text") != std::string::npos);
  CHECK(result.instances[2].state == State::pass);
}

TEST_CASE("a value of another type than the predicate declares is an error naming where and what") {
  Fixture f;
  const auto members = [&](const json& value) {
    f.facts.set("host.group:docker", json{{"exists", true}, {"members", value}});
    return f.run("1.1.2");
  };
  CHECK(members(json::array({"alice"})).state == State::pass);
  CHECK(members(json::array({"mallory"})).state == State::fail);
  // No entry equals "alice", so subset_of alone would pass on these.
  const auto text = members("alice");
  CHECK(text.state == State::error);
  CHECK(text.reason.find("expected a list of texts at /members, found a text") != std::string::npos);
  const auto number_entry = members(json::array({"alice", 7}));
  CHECK(number_entry.state == State::error);
  CHECK(number_entry.reason.find("found a list whose entry 1 is a number") != std::string::npos);
  REQUIRE(!number_entry.evidence.empty());
  CHECK(number_entry.evidence.front().note == "host.group:docker has a list whose entry 1 is a number at /members, not a list of texts");
  // dockcis writes a group's members as a list: a null there is no list
  // it wrote, though the Engine's null for an empty list reads as empty.
  const auto null_members = members(json());
  CHECK(null_members.state == State::error);
  CHECK(null_members.reason.find("expected a list at /members, found null") != std::string::npos);
}

TEST_CASE("an integer field holding a fraction or a number beyond 64 bits is of another type") {
  using model::ValueType;
  CHECK(engine::parse_value_type("integer") == ValueType::integer);
  for (const json& whole : {json(0), json(-1), json(268435456), json(std::numeric_limits<std::uint64_t>::max()), json()}) {
    CAPTURE(whole.dump());
    CHECK(engine::type_mismatch(whole, ValueType::integer).empty());
  }
  CHECK(engine::type_mismatch(json(0.5), ValueType::integer) == "a number with a fraction or beyond 64 bits (0.5)");
  CHECK(engine::type_mismatch(json(1e300), ValueType::integer) == "a number with a fraction or beyond 64 bits (1e+300)");
  CHECK(engine::type_mismatch(json("1024"), ValueType::integer) == "a text");
  CHECK(engine::type_mismatch(json(0.5), ValueType::number).empty());
}

TEST_CASE("a null in a document that lists only what is set reads as not set, and the evidence says so") {
  Fixture f;
  f.facts.set("engine.info", json::object());
  f.facts.set("daemon.config", json{{"options", {{"live-restore", {{"value", nullptr}, {"source", "file"}}}}}});
  const auto result = f.run("2.15");
  CHECK(result.state == State::fail);
  REQUIRE(!result.evidence.empty());
  CHECK(result.evidence.back().fact() == "daemon.config");
  CHECK(result.evidence.back().note.starts_with("daemon.config has null at /options/live-restore/value, read as not set; "));
}

TEST_CASE("a document that lists only what is set, but is of another shape, is an error, never not set") {
  Fixture f;
  f.facts.set("engine.info", json::object());
  struct Case {
    json config;
    const char* found;  // in the reason: what stood where an object was wanted
  };
  for (const auto& c : {Case{json("x"), "expected an object at the document's root, found a text"},
                        Case{json(), "expected an object at the document's root, found null"},
                        Case{json::array(), "expected an object at the document's root, found a list"},
                        Case{json(7), "expected an object at the document's root, found a number"},
                        Case{json{{"options", json::array()}}, "expected an object at /options, found a list"},
                        Case{json{{"options", {{"live-restore", true}}}}, "expected an object at /options/live-restore, found a boolean"},
                        Case{json{{"options", {{"live-restore", nullptr}}}}, "expected an object at /options/live-restore, found null"}}) {
    CAPTURE(c.config.dump());
    f.facts.set("daemon.config", c.config);
    const auto result = f.run("2.15");
    CHECK(result.state == State::error);
    CHECK(result.reason.find(c.found) != std::string::npos);
  }
  // An option the document leaves out is still not set.
  f.facts.set("daemon.config", json{{"options", json::object()}});
  CHECK(f.run("2.15").state == State::fail);
}

TEST_CASE("no containers means not applicable; an unlisted collection is an error") {
  Fixture f;
  CHECK(f.run("5.5").state == State::notapplicable);
  f.facts.set("engine.containers", std::unexpected(model::Unavailable{"GET /containers/json: HTTP 500"}));
  const auto result = f.run("5.5");
  CHECK(result.state == State::error);
  CHECK(result.reason.find("HTTP 500") != std::string::npos);
}

TEST_CASE("first_of prefers the live value and falls back to the configuration") {
  Fixture f;
  CHECK(f.run("2.15").state == State::fail);
  const auto failed = f.run("2.15");
  REQUIRE(failed.evidence.size() == 1);  // only the child that decided
  CHECK(failed.evidence[0].fact() == "engine.info");
  CHECK(failed.evidence[0].actual == false);
  f.facts.set("engine.info", json{{"LiveRestoreEnabled", true}});
  CHECK(f.run("2.15").state == State::pass);
  // The API does not say: the configuration decides.
  f.facts.set("engine.info", json::object());
  f.facts.set("daemon.config", json{{"options", {{"live-restore", {{"value", true}, {"source", "file"}}}}}});
  const auto configured = f.run("2.15");
  CHECK(configured.state == State::pass);
  REQUIRE(configured.evidence.size() == 1);
  CHECK(configured.evidence[0].fact() == "daemon.config");
  CHECK(configured.evidence[0].actual == true);
  f.facts.set("daemon.config", std::unexpected(model::Unavailable{"permission denied reading /etc/docker/daemon.json"}));
  const auto result = f.run("2.15");
  CHECK(result.state == State::error);
  CHECK(result.reason.find("permission denied") != std::string::npos);
}

TEST_CASE("an unreadable fact gives error, never pass") {
  Fixture f;
  CHECK(f.run("3.2").state == State::pass);
  f.facts.set("host.file:${unit:docker.service}", std::unexpected(model::Unavailable{"permission denied"}));
  const auto result = f.run("3.2");
  CHECK(result.state == State::error);
  REQUIRE(result.evidence.size() == 1);
  CHECK(result.evidence[0].note == "permission denied");
  f.facts.set("host.file:${unit:docker.service}", json{{"exists", false}});
  CHECK(f.run("3.2").state == State::notapplicable);
  f.facts.set("host.file:${unit:docker.service}", json{{"exists", true}, {"mode", 0611}});
  CHECK(f.run("3.2").state == State::fail);
}

TEST_CASE("parameters supply operands and appear as the expected value") {
  Fixture f;
  CHECK(f.run("1.1.2").state == State::pass);
  f.facts.set("host.group:docker", json{{"exists", true}, {"members", json::array({"alice", "mallory"})}});
  const auto result = f.run("1.1.2");
  CHECK(result.state == State::fail);
  CHECK(result.evidence[0].expected() == json::array({"alice"}));
}

TEST_CASE("manual checks carry the reviewer's evidence") {
  Fixture f;
  const auto result = f.run("4.2");
  CHECK(result.state == State::manual);
  CHECK_FALSE(result.automated);
  REQUIRE(result.evidence.size() == 1);
  CHECK(result.evidence[0].label() == "Images");
  CHECK(result.evidence[0].actual.value().size() == 1);
}

TEST_CASE("a manual check that does not apply is notapplicable, not manual") {
  Fixture f;
  CHECK(f.run("7.4").state == State::notapplicable);
  f.facts.set("engine.info", json{{"Swarm", {{"LocalNodeState", "active"}}}});
  CHECK(f.run("7.4").state == State::manual);
}

TEST_CASE("applies_if turns an unmet precondition into notapplicable") {
  Fixture f;
  const auto inactive = f.run("7.5");
  CHECK(inactive.state == State::notapplicable);
  CHECK(inactive.reason == "Not applicable: the engine's system information (LocalNodeState) is inactive");
  CHECK(inactive.swarm);
  f.facts.set("engine.info", json{{"Swarm", {{"LocalNodeState", "active"},
                                             {"Cluster", {{"Spec", {{"EncryptionConfig", {{"AutoLockManagers", false}}}}}}}}}});
  CHECK(f.run("7.5").state == State::fail);
}

TEST_CASE("a snapshot replays to the same results") {
  Fixture f;
  f.add_container("c1", "web", "running", inspect(true));
  f.add_container("c2", "gone", "running", std::unexpected(model::Unavailable{"removed"}));
  const auto replayed = model::FactStore::from_json(json::parse(f.facts.to_json().dump()));
  REQUIRE(replayed.has_value());
  Fixture g;
  g.facts = *replayed;
  for (const char* id : {"1.1.2", "2.15", "3.2", "4.2", "5.5", "7.5"}) {
    CAPTURE(id);
    CHECK(model::to_json(f.run(id)) == model::to_json(g.run(id)));
  }
}

TEST_CASE("a predicate's probe is made once per audit and shared; another predicate at the same address gets its own") {
  model::FactStore facts;
  facts.set("engine.info", json{{"Debug", true}});
  const json parameters = json{{"wanted", false}};
  const engine::EvalContext context{facts, parameters};
  model::Test test;
  test.predicate = {"engine.info", "/Debug", "", "eq", true, "", "", std::nullopt, "debug"};
  const auto first = engine::evaluate_test(test, context, {});
  const auto again = engine::evaluate_test(test, context, {});
  CHECK(first.state == State::pass);
  REQUIRE(first.evidence.size() == 1);
  CHECK(first.evidence[0].probe == again.evidence[0].probe);
  // A tailored copy of a check can reuse a freed predicate's address: its own operand decides.
  test.predicate.value = false;
  const auto changed = engine::evaluate_test(test, context, {});
  CHECK(changed.state == State::fail);
  CHECK(changed.evidence[0].expected() == false);
  test.predicate.value = nullptr;
  test.predicate.param = "wanted";
  CHECK(engine::evaluate_test(test, context, {}).state == State::fail);
  test.predicate.label = "another label";
  CHECK(engine::evaluate_test(test, context, {}).evidence[0].label() == "another label");
}

TEST_CASE("a null document is nothing to judge: an error naming the document's root, not an empty list") {
  model::FactStore facts;
  facts.set("engine.info", json());
  const json parameters = json::object();
  const engine::EvalContext context{facts, parameters};
  model::Test test;
  test.predicate = {"engine.info", "/Debug", "", "eq", false, "", "", std::nullopt, "debug"};
  const auto selected = engine::evaluate_test(test, context, {});
  CHECK(selected.state == State::error);
  REQUIRE(selected.evidence.size() == 1);
  CHECK(selected.evidence[0].note == "engine.info has null at the document's root");
  test.predicate = {"engine.info", "", "/comm", "ne", "sshd", "", "", std::nullopt, "process names"};
  CHECK(engine::evaluate_test(test, context, {}).state == State::error);
  // Presence is still judged.
  test.predicate = {"engine.info", "", "", "not_exists", nullptr, "", "", std::nullopt, "info"};
  CHECK(engine::evaluate_test(test, context, {}).state == State::pass);
}

TEST_CASE("subject_of: one subject per collection and id in a context, made again if its name or image differs") {
  model::FactStore facts;
  const json parameters = json::object();
  const engine::EvalContext context{facts, parameters};
  const auto web = engine::subject_of(context, "container", "c1", "web", "nginx:1");
  CHECK(web->id == "c1");
  CHECK(web->name == "web");
  CHECK(web->image == "nginx:1");
  CHECK(engine::subject_of(context, "container", "c1", "web", "nginx:1") == web);
  CHECK(engine::subject_of(context, "image", "c1", "web", "nginx:1") != web);
  const auto renamed = engine::subject_of(context, "container", "c1", "front", "nginx:1");
  CHECK(renamed != web);
  CHECK(renamed->name == "front");
  CHECK(engine::subject_of(context, "container", "c1", "front", "nginx:1") == renamed);
  const engine::EvalContext other{facts, parameters};
  CHECK(engine::subject_of(other, "container", "c1", "front", "nginx:1") != renamed);
}

TEST_CASE("subject_of: an id, name or image beyond 1 KiB is shown cut, and the cut subject is shared") {
  model::FactStore facts;
  const json parameters = json::object();
  const engine::EvalContext context{facts, parameters};
  const std::string long_id(3000, 'c');
  const std::string long_name = "web-" + std::string(3000, 'w');
  const std::string long_image = "img:" + std::string(3000, 'i');
  const auto shown = engine::subject_of(context, "container", long_id, long_name, long_image);
  CHECK(shown->id == std::string(1024, 'c') + "\xe2\x80\xa6");
  CHECK(shown->name == long_name.substr(0, 1024) + "\xe2\x80\xa6");
  CHECK(shown->image == long_image.substr(0, 1024) + "\xe2\x80\xa6");
  CHECK(engine::subject_of(context, "container", long_id, long_name, long_image) == shown);
  // Docker's longest image reference (a 255-byte name, a 128-byte tag, a digest) is shown whole.
  const std::string reference = std::string(255, 'r') + ":" + std::string(128, 't') + "@sha256:" + std::string(64, 'd');
  CHECK(engine::subject_of(context, "container", "c2", "db", reference)->image == reference);
}

TEST_CASE("a container waiting to restart is not judged by the checks of running containers; a paused one is") {
  Fixture f;
  f.add_container("c1", "web", "restarting", json{{"HostConfig", {{"Privileged", true}}}, {"State", {{"Running", true}, {"Restarting", true}}}});
  f.add_container("c2", "db", "paused", json{{"HostConfig", {{"Privileged", true}}}, {"State", {{"Running", true}, {"Paused", true}}}});
  const auto running = f.run("5.5", true);
  REQUIRE(running.instances.size() == 1);
  CHECK(running.instances[0].name() == "db");
  CHECK(running.instances[0].state == State::fail);
}

TEST_CASE("a context reads an instance's facts once, and again once the store changes under it") {
  Fixture f;
  f.add_container("c1", "web", "running", inspect(false));
  const engine::EvalContext context{f.facts, f.parameters, false};
  const engine::Instance web{"container", "c1", "web"};
  const auto key = model::instance_key("container", "c1", "inspect");
  const auto* first = engine::find_fact("container.inspect", context, web);
  REQUIRE(first != nullptr);
  CHECK(first == f.facts.find(key));
  CHECK(engine::find_fact("container.inspect", context, web) == first);
  // A fact taken away (as an audit lets a container's facts go) is not collected any more, for the same instance too.
  f.facts.take(key);
  CHECK(engine::find_fact("container.inspect", context, web) == nullptr);
  f.facts.set(key, inspect(true));
  const auto* again = engine::find_fact("container.inspect", context, web);
  REQUIRE(again != nullptr);
  CHECK((**again)["HostConfig"]["Privileged"] == true);

  const auto& profile = f.catalogue.profiles.front();
  const auto recommendation = std::ranges::find(profile.recommendations, std::string("5.5"), &model::Recommendation::id);
  REQUIRE(recommendation != profile.recommendations.end());
  const auto& check = f.catalogue.checks.at(recommendation->key);
  CHECK(engine::evaluate_check(check, *recommendation, context).state == State::fail);
  f.facts.set(key, inspect(false));
  CHECK(engine::evaluate_check(check, *recommendation, context).state == State::pass);
}

TEST_CASE("a host-wide value in an instance's evidence is shown cut and says so; the instance's own value and a host check's whole") {
  json big = json::object();
  for (int i = 0; i < 250; ++i) big["k" + std::to_string(1000 + i)] = std::string(4000, 'x');
  const engine::Instance web{"container", "c1", "web"};
  model::Evidence repeated{nullptr, json()};
  engine::set_found(repeated, big, model::find_fact_kind("daemon.config"), web);
  REQUIRE(repeated.actual.scalar() != nullptr);
  const auto& shown = repeated.actual.scalar()->get_ref<const std::string&>();
  CHECK(shown == big.dump().substr(0, 4096) + "\xe2\x80\xa6");
  CHECK(repeated.note == "one host-wide value, the same in every container: shown cut to its first 4 KiB");
  model::Evidence own{nullptr, json()};
  engine::set_found(own, big, model::find_fact_kind("container.inspect"), web);
  CHECK(own.actual.value() == big);
  CHECK(own.note.empty());
  model::Evidence host{nullptr, json()};
  engine::set_found(host, big, model::find_fact_kind("daemon.config"), engine::Instance{});
  CHECK(host.actual.value() == big);
  // Small enough, a host-wide value is shown whole in an instance too.
  model::Evidence small{nullptr, json()};
  engine::set_found(small, json{{"value", true}}, model::find_fact_kind("daemon.config"), web);
  CHECK(small.actual.value() == json{{"value", true}});
  CHECK(small.note.empty());
}
