// SPDX-License-Identifier: Apache-2.0
// Facts the run's deadline (--deadline) cut say so: kind timed_out, a reason
// naming the deadline, for host-wide, per-path and per-container facts alike.
#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <string>

#include "collect/collect_facts.hpp"
#include "collect/host/host_root.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

namespace {

const std::string kRunning(64, 'a');
const std::string kExited(64, 'b');

void check_timed_out(const model::FactStore& store, const std::string& key) {
  CAPTURE(key);
  const auto* fact = store.find(key);
  REQUIRE(fact != nullptr);
  REQUIRE_FALSE(fact->has_value());
  CHECK(fact->error().kind == model::ErrorKind::timed_out);
  CHECK(fact->error().reason.find("--deadline") != std::string::npos);
}

model::FactStore listed_containers() {
  model::FactStore store;
  store.set("engine.containers", json::array({{{"Id", kRunning}, {"State", "running"}}, {{"Id", kExited}, {"State", "exited"}}}));
  return store;
}

// Collects `facts` from a tree holding a daemon.json, with the deadline `from_now` away.
model::FactStore collect_by(std::chrono::seconds from_now, const std::set<std::string>& facts) {
  TempTree tree;
  tree.write("/etc/docker/daemon.json", "{}");
  const collect::HostRoot root(tree.root());
  auto store = listed_containers();
  collect::Sources sources;
  sources.root = &root;
  sources.deadline = std::chrono::steady_clock::now() + from_now;
  REQUIRE(collect::collect_facts(facts, sources, store).has_value());
  return store;
}

}  // namespace

TEST_CASE("past the deadline, every host fact not read is timed out, per container too") {
  const auto store = collect_by(std::chrono::seconds(-1), {"container.processes", "container.main_process",
                                                           "host.file:/etc/docker/daemon.json", "host.kernel"});
  for (const auto& id : {kRunning, kExited}) {
    check_timed_out(store, "container/" + id + "/processes");
    check_timed_out(store, "container/" + id + "/main_process");
  }
  check_timed_out(store, "host.file:/etc/docker/daemon.json");
  check_timed_out(store, "host.kernel");
}

TEST_CASE("before the deadline, the same facts are read") {
  const auto store = collect_by(std::chrono::hours(1), {"container.main_process", "host.file:/etc/docker/daemon.json"});
  const auto* file = store.find("host.file:/etc/docker/daemon.json");
  REQUIRE(file != nullptr);
  CHECK(file->has_value());
  const auto* stopped = store.find("container/" + kExited + "/main_process");
  REQUIRE(stopped != nullptr);
  CHECK(**stopped == json{{"running", false}});
}

TEST_CASE("a running container whose inspect timed out: its main process carries the inspect's reason and kind") {
  TempTree tree;
  auto store = listed_containers();
  store.set(model::instance_key("container", kRunning, "inspect"),
            std::unexpected(model::Unavailable{"GET /containers/x/json: not asked: the run's deadline (--deadline) had passed",
                                               model::ErrorKind::timed_out}));
  collect::collect_host_facts(collect::HostRoot(tree.root()), {"container.main_process"}, store);
  const auto* fact = store.find("container/" + kRunning + "/main_process");
  REQUIRE(fact != nullptr);
  REQUIRE_FALSE(fact->has_value());
  CHECK(fact->error().kind == model::ErrorKind::timed_out);
  CHECK(fact->error().reason.find("was not read: GET /containers/x/json: not asked: the run's deadline") != std::string::npos);
}
