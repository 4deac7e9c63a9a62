// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "collect/snapshot_lists.hpp"

using dockcis::collect::ListCaps;
using dockcis::collect::screen_snapshot_lists;
using dockcis::model::FactStore;
using nlohmann::json;

namespace {

json entry(const std::string& id) { return json{{"Id", id}, {"Names", {"/" + id}}}; }

FactStore snapshot() {
  FactStore store;
  store.set("engine.containers", json::array({entry("c1"), entry("c2"), entry("c1")}));
  store.set("container/c1/inspect", json{{"Id", "c1"}});
  store.set("container/c2/inspect", json{{"Id", "c2"}});
  store.set("engine.images", json::array({entry("i1")}));
  store.set("image/i1/inspect", json{{"Id", "i1"}});
  store.set("engine.info", json{{"Containers", 2}});
  return store;
}

// The fact at `key` is an error with this reason and kind.
void check_refused(const FactStore& store, const char* key, const std::string& reason, dockcis::model::ErrorKind kind) {
  CAPTURE(key);
  const auto* fact = store.find(key);
  REQUIRE(fact != nullptr);
  REQUIRE_FALSE(fact->has_value());
  CHECK(fact->error().reason == reason);
  CHECK(fact->error().kind == kind);
}

}  // namespace

TEST_CASE("a snapshot's lists: within their caps kept, an id listed twice once") {
  auto store = snapshot();
  screen_snapshot_lists(store, {});
  REQUIRE(store.value("engine.containers") != nullptr);
  CHECK(*store.value("engine.containers") == json::array({entry("c1"), entry("c2")}));
  CHECK(store.value("container/c1/inspect") != nullptr);
  CHECK(store.value("image/i1/inspect") != nullptr);
}

TEST_CASE("a snapshot's list above its cap is an error, and its instances' facts go; the other lists stay") {
  auto store = snapshot();
  ListCaps caps;
  caps.containers = 2;  // three entries before the repeated one is dropped
  screen_snapshot_lists(store, caps);
  const auto* containers = store.find("engine.containers");
  REQUIRE(containers != nullptr);
  REQUIRE_FALSE(containers->has_value());
  CHECK(containers->error().kind == dockcis::model::ErrorKind::too_large);
  CHECK(containers->error().reason == "the snapshot lists 3 containers, more than dockcis reads in one audit (2, --max-containers)");
  CHECK(store.find("container/c1/inspect") == nullptr);
  CHECK(store.find("container/c2/inspect") == nullptr);
  CHECK(store.value("engine.images") != nullptr);
  CHECK(store.value("image/i1/inspect") != nullptr);
  CHECK(store.value("engine.info") != nullptr);
}

TEST_CASE("a snapshot's list that is not an array of objects with a text Id is an error") {
  for (const json& odd : {json::array({entry("c1"), 42}), json::array({entry("c1"), json{{"Id", 7}}}), json::array({json::object()}),
                          json{{"Id", "c1"}}, json("c1"), json()}) {
    CAPTURE(odd.dump());
    auto store = snapshot();
    store.set("engine.containers", odd);
    screen_snapshot_lists(store, {});
    const auto* containers = store.find("engine.containers");
    REQUIRE(containers != nullptr);
    REQUIRE_FALSE(containers->has_value());
    CHECK(containers->error().kind == dockcis::model::ErrorKind::malformed_answer);
    CHECK(containers->error().reason == "the snapshot's engine.containers is not a list of objects with a text Id");
    CHECK(store.find("container/c1/inspect") == nullptr);
  }
  // A list the snapshot says could not be read stays that error.
  auto store = snapshot();
  store.set("engine.networks", std::unexpected(dockcis::model::Unavailable{"GET /networks: HTTP 500"}));
  screen_snapshot_lists(store, {});
  CHECK(store.find("engine.networks")->error().reason == "GET /networks: HTTP 500");
}

TEST_CASE("what a snapshot collected from a refused list takes its error: the image list's usage and each container's image tag") {
  auto store = snapshot();
  store.set("engine.usage", json{{"unused_images", json::array()}});
  store.set("container/c1/image_tag", json{{"reference", "web:1"}});
  store.set("container/c1/processes", json::array({{{"pid", 7}, {"comm", "sh"}}}));
  ListCaps caps;
  caps.images = 0;
  screen_snapshot_lists(store, caps);
  const std::string reason = "the snapshot lists 1 images, more than dockcis reads in one audit (0, --max-images)";
  for (const auto* key : {"engine.images", "engine.usage", "container/c1/image_tag"}) {
    check_refused(store, key, reason, dockcis::model::ErrorKind::too_large);
  }
  CHECK(store.find("image/i1/inspect") == nullptr);
  // Nothing collected from the container list changes.
  CHECK(store.value("container/c1/inspect") != nullptr);
  CHECK(store.value("container/c1/processes") != nullptr);
  CHECK(store.value("engine.info") != nullptr);
}

TEST_CASE("a snapshot's inspect that is not the listed object's is an error, as from a live engine") {
  auto store = snapshot();
  store.set("container/c1/inspect", json{{"Id", "c2"}, {"HostConfig", {{"Privileged", false}}}});
  store.set("container/c2/inspect", json{{"HostConfig", {{"Privileged", false}}}});
  screen_snapshot_lists(store, {});
  const auto* foreign = store.find("container/c1/inspect");
  REQUIRE(foreign != nullptr);
  REQUIRE_FALSE(foreign->has_value());
  CHECK(foreign->error().kind == dockcis::model::ErrorKind::malformed_answer);
  CHECK(foreign->error().reason.starts_with("the snapshot answered the inspect of container \"c1\""));
  CHECK(foreign->error().reason.find("with the document of \"c2\"") != std::string::npos);
  const auto* no_id = store.find("container/c2/inspect");
  REQUIRE(no_id != nullptr);
  REQUIRE_FALSE(no_id->has_value());
  CHECK(no_id->error().reason.find("a document that has no text /Id") != std::string::npos);
  CHECK(store.value("image/i1/inspect") != nullptr);
}

TEST_CASE("a snapshot's running container whose first process has no effective uid is an error for it") {
  for (const json& process : {json{{"running", true}}, json{{"running", false}}, json::object(), json{{"running", true}, {"euid", nullptr}},
                              json{{"running", true}, {"euid", "0"}}}) {
    CAPTURE(process.dump());
    auto store = snapshot();
    store.set("engine.containers", json::array({entry("c1"), entry("c2")}));
    store.set("container/c1/inspect", json{{"Id", "c1"}, {"State", {{"Running", true}}}});
    store.set("container/c2/inspect", json{{"Id", "c2"}, {"State", {{"Running", false}}}});
    store.set("container/c1/main_process", process);
    store.set("container/c2/main_process", process);
    screen_snapshot_lists(store, {});
    const auto* running = store.find("container/c1/main_process");
    REQUIRE(running != nullptr);
    REQUIRE_FALSE(running->has_value());
    CHECK(running->error().reason == "the snapshot gives no effective uid for the first process of running container c1");
    // A stopped container has no process to read.
    CHECK(store.value("container/c2/main_process") != nullptr);
  }
  auto store = snapshot();
  store.set("container/c1/inspect", json{{"Id", "c1"}, {"State", {{"Running", true}}}});
  store.set("container/c1/main_process", json{{"running", true}, {"euid", 0}, {"uid", 0}});
  screen_snapshot_lists(store, {});
  CHECK(store.value("container/c1/main_process") != nullptr);
}

TEST_CASE("a snapshot's document of another JSON type than its kind's is refused; a running container's empty process list too") {
  auto store = snapshot();
  store.set("host.file:/etc/docker", json(420));
  store.set("container/c1/main_process", json::array());
  store.set("container/c1/inspect", json{{"Id", "c1"}, {"State", {{"Running", true}}}});
  store.set("container/c1/processes", json::array());
  store.set("engine.info", json::array());
  store.set("host.group:docker", json());
  screen_snapshot_lists(store, {});
  for (const auto& [key, reason] : {std::pair{"host.file:/etc/docker", "the snapshot's host.file:/etc/docker is a number, not an object"},
                                    {"container/c1/main_process", "the snapshot's container/c1/main_process is a list, not an object"},
                                    {"engine.info", "the snapshot's engine.info is a list, not an object"},
                                    {"host.group:docker", "the snapshot's host.group:docker is null, not an object"},
                                    {"container/c1/processes", "the snapshot gives no processes for running container c1"}}) {
    check_refused(store, key, reason, dockcis::model::ErrorKind::malformed_answer);
  }
  // Lists where the kind's documents are lists stay.
  store = snapshot();
  store.set("container/c1/inspect", json{{"Id", "c1"}, {"State", {{"Running", true}}}});
  store.set("container/c1/processes", json::array({{{"pid", 7}, {"comm", "sh"}}}));
  screen_snapshot_lists(store, {});
  CHECK(store.value("container/c1/processes") != nullptr);
  CHECK(store.value("engine.containers") != nullptr);
}
