// SPDX-License-Identifier: Apache-2.0
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "collect/collect_facts.hpp"
#include "collect/docker/engine_session.hpp"
#include "../collect_host/temp_tree.hpp"
#include "collect/host/host_root.hpp"
#include "fake_daemon.hpp"
#include "util/json_access.hpp"

using namespace dockcis;
using model::json;
using test::FakeDaemon;
using test::id_of;

namespace {

const std::string kWeb = id_of("c1");
const std::string kDb = id_of("c2");
const std::string kImage = "sha256:" + id_of("a1");
const std::string kBridge = id_of("n1");

// Every Engine API kind, as a full audit plans them.
std::set<std::string> all_needs() {
  return {"engine.version", "engine.info",   "engine.containers", "container.inspect", "engine.images", "image.inspect",
          "image.history",  "engine.networks", "network.inspect", "engine.bridge",     "engine.swarm"};
}

std::expected<void, collect::CollectError> collect_engine(collect::DockerApi& api, const std::set<std::string>& planned,
                                                          const std::string& self, model::FactStore& store) {
  collect::EngineSession engine(api);
  collect::Sources sources;
  sources.engine = &engine;
  sources.socket_path = api.socket_path();
  sources.self_container_id = self;
  return collect::collect_facts(planned, sources, store);
}

/// A fake daemon running `scenario`, an engine session on it, and sources
/// that read through it, for a test to adjust before it collects.
struct Session {
  explicit Session(const std::string& scenario) : daemon(scenario), api(daemon.options()), engine(api) {
    sources.engine = &engine;
    sources.socket_path = api.socket_path();
  }
  FakeDaemon daemon;
  collect::DockerApi api;
  collect::EngineSession engine;
  collect::Sources sources;
};

/// Collects everything from a fake daemon running `scenario`.
struct Collected {
  explicit Collected(const std::string& scenario, const std::string& self = "", long timeout_ms = 5000)
      : daemon(scenario), api(daemon.options(timeout_ms)) {
    result = collect_engine(api, all_needs(), self, store);
  }
  [[nodiscard]] const model::Fact& fact(const std::string& key) const {
    const auto* found = store.find(key);
    REQUIRE_MESSAGE(found != nullptr, key);
    return *found;
  }
  /// The fact's value; an unavailable fact fails the test with its reason.
  [[nodiscard]] const json& value(const std::string& key) const {
    const auto& found = fact(key);
    REQUIRE_MESSAGE(found.has_value(), key, ": ", found.error().reason);
    return *found;
  }
  FakeDaemon daemon;
  collect::DockerApi api;
  model::FactStore store;
  std::expected<void, collect::CollectError> result;
};

std::string reason(const model::Fact& fact) {
  REQUIRE_FALSE(fact.has_value());
  return fact.error().reason;
}

}  // namespace

TEST_CASE("every document is read once; inspects of all containers, created and exited included") {
  const Collected run("normal");
  REQUIRE(run.result.has_value());
  CHECK((run.value("engine.version"))["ApiVersion"] == "1.43");
  CHECK((run.value("engine.info"))["ServerVersion"] == "24.0.7");
  const auto& containers = run.value("engine.containers");
  REQUIRE(containers.size() == 2);
  // Sorted by name, so reports do not depend on the daemon's order.
  CHECK(containers[0]["Names"][0] == "/db");
  CHECK(containers[1]["Names"][0] == "/web");
  CHECK((run.value("container/" + kDb + "/inspect"))["HostConfig"]["Privileged"] == true);
  CHECK((run.value("container/" + kWeb + "/inspect"))["State"]["Running"] == true);
  CHECK((run.value("image/" + kImage + "/inspect"))["RepoTags"][0] == "app:1");
  CHECK(run.value("image/" + kImage + "/history").is_array());
  CHECK((run.value("network/" + kBridge + "/inspect"))["Containers"].contains(kWeb));
  CHECK((run.value("engine.bridge"))["Options"]["com.docker.network.bridge.enable_icc"] == "true");
  CHECK((run.value("engine.bridge"))["exists"] == true);
  CHECK(run.value("engine.swarm") == json{{"active", false}, {"manager", false}});

  for (const auto& [path, count] : run.api.request_counts()) {
    CAPTURE(path);
    CHECK(count == 1);
  }
  const auto requests = run.daemon.requests();
  CHECK(requests.size() == 11);  // _ping, version, info, 3 lists, 2+1+1+1 inspects
  for (const auto& request : requests) {
    CAPTURE(request.path);
    CHECK(run.daemon.count(request.path) == 1);
    if (request.path != "/_ping") CHECK(request.path.starts_with("/v1.43/"));
  }
  CHECK(run.daemon.count("/v1.43/swarm") == 0);
  CHECK(run.store.meta["api_version"] == "1.43");
  CHECK(run.store.meta["docker_socket"] == run.daemon.socket_path());
}

TEST_CASE("mounts and exec sessions come sorted, whatever order the engine lists them in; Env and Binds keep theirs") {
  const Collected run("mounts");
  REQUIRE(run.result.has_value());
  const auto& inspect = run.value("container/" + kWeb + "/inspect");
  std::vector<std::pair<std::string, std::string>> mounts;
  for (const auto& mount : inspect["Mounts"]) mounts.emplace_back(mount["Destination"], mount["Source"]);
  CHECK(mounts == std::vector<std::pair<std::string, std::string>>{{"/cache", "/var/lib/docker/volumes/cache/_data"},
                                                                   {"/data", "/srv/web/a"},
                                                                   {"/data", "/srv/web/b"},
                                                                   {"/var/log/web", "/srv/web/logs"}});
  CHECK(inspect["ExecIDs"] == json::array({id_of("e1"), id_of("e2"), id_of("e3")}));
  CHECK(inspect["Config"]["Env"] == json::array({"B=2", "A=1"}));
  CHECK(inspect["HostConfig"]["Binds"] == json::array({"/srv/web/logs:/var/log/web", "/srv/web/b:/data:ro"}));
  const auto& listed = run.value("engine.containers");
  REQUIRE(listed.size() == 2);
  CHECK(listed[1]["Mounts"][0]["Destination"] == "/cache");
  CHECK(listed[1]["Mounts"][3]["Destination"] == "/var/log/web");
}

TEST_CASE("only the documents the checks need are read") {
  FakeDaemon daemon("normal");
  collect::DockerApi api(daemon.options());
  model::FactStore store;
  REQUIRE(collect_engine(api, {"engine.version", "engine.info", "engine.containers"}, "", store).has_value());
  CHECK(store.find("engine.containers") != nullptr);
  CHECK(store.find("engine.info") != nullptr);
  CHECK(store.find("engine.images") == nullptr);
  CHECK(store.find("container/" + kWeb + "/inspect") == nullptr);
  CHECK(daemon.requests().size() == 4);
}

TEST_CASE("/info is asked beside /version when planned, and not at all otherwise") {
  FakeDaemon daemon("normal");
  collect::DockerApi api(daemon.options());
  model::FactStore store;
  REQUIRE(collect_engine(api, {"engine.version", "engine.containers"}, "", store).has_value());
  CHECK(store.find("engine.info") == nullptr);
  CHECK(daemon.count("/v1.43/info") == 0);
  CHECK(daemon.count("/v1.43/version") == 1);

  model::FactStore with_info;
  collect::DockerApi again(daemon.options());
  REQUIRE(collect_engine(again, {"engine.info"}, "", with_info).has_value());
  CHECK((*with_info.value("engine.info"))["ServerVersion"] == "24.0.7");
  CHECK(again.request_counts().at("/info") == 1);
  CHECK(again.request_counts().at("/version") == 1);
}

TEST_CASE("a list longer than its cap is an error naming both numbers; nothing on it is inspected") {
  Session session("normal");
  auto& daemon = session.daemon;
  session.sources.list_caps.containers = 1;
  session.sources.list_caps.images = 1;
  model::FactStore store;
  REQUIRE(collect::collect_facts({"engine.containers", "container.inspect", "engine.images", "image.inspect"}, session.sources, store));
  const auto* containers = store.find("engine.containers");
  REQUIRE(containers != nullptr);
  REQUIRE_FALSE(containers->has_value());
  CHECK(containers->error().kind == model::ErrorKind::too_large);
  CHECK(containers->error().reason ==
        "GET /containers/json?all=1: the engine lists 2 containers, more than dockcis reads in one audit (1, --max-containers)");
  CHECK(daemon.count("/v1.43/containers/" + kWeb + "/json") == 0);
  CHECK(daemon.count("/v1.43/containers/" + kDb + "/json") == 0);
  // At the cap, the list is read whole.
  const auto* images = store.find("engine.images");
  REQUIRE(images != nullptr);
  REQUIRE(images->has_value());
  CHECK((*images)->size() == 1);
  CHECK(store.find("image/" + kImage + "/inspect") != nullptr);
}

TEST_CASE("the scanner's own container is left out, by full id or prefix") {
  for (const std::string& self : {kWeb, kWeb.substr(0, 12)}) {
    CAPTURE(self);
    const Collected run("normal", self);
    REQUIRE(run.result.has_value());
    const auto& containers = run.value("engine.containers");
    REQUIRE(containers.size() == 1);
    CHECK(containers[0]["Id"] == kDb);
    CHECK(run.store.find("container/" + kWeb + "/inspect") == nullptr);
    CHECK(run.daemon.count("/v1.43/containers/" + kWeb + "/json") == 0);
  }
}

TEST_CASE("HTTP 500 on a list makes that fact unavailable with the daemon's message; the rest is read") {
  const Collected run("http500");
  REQUIRE(run.result.has_value());
  CHECK(reason(run.fact("engine.containers")) == "GET /containers/json?all=1: HTTP 500: fake daemon failure");
  CHECK(run.store.find("container/" + kWeb + "/inspect") == nullptr);
  CHECK(run.fact("engine.info").has_value());
  CHECK(run.fact("engine.images").has_value());

  const Collected images("images500");
  REQUIRE(images.result.has_value());
  CHECK(reason(images.fact("engine.images")) == "GET /images/json: HTTP 500: image store broken");
  CHECK(images.fact("engine.containers").has_value());
}

TEST_CASE("malformed and truncated JSON are unavailable, never a value") {
  SUBCASE("malformed /info: the info and the swarm state read from it") {
    const Collected run("malformed");
    REQUIRE(run.result.has_value());
    CHECK(reason(run.fact("engine.info")).starts_with("GET /info: malformed JSON: "));
    CHECK(reason(run.fact("engine.swarm")).starts_with("GET /info: malformed JSON: "));
    CHECK(run.fact("engine.version").has_value());
  }
  SUBCASE("truncated inspect: that container only") {
    const Collected run("truncated");
    REQUIRE(run.result.has_value());
    CHECK(reason(run.fact("container/" + kWeb + "/inspect")).find("truncated") != std::string::npos);
    CHECK(run.fact("container/" + kDb + "/inspect").has_value());
  }
}

TEST_CASE("a container removed during the scan is unavailable by name; the others are read") {
  const Collected run("removed");
  REQUIRE(run.result.has_value());
  CHECK(reason(run.fact("container/" + kDb + "/inspect")) == "container db was removed during the scan");
  CHECK(run.fact("container/" + kWeb + "/inspect").has_value());
  CHECK(run.value("engine.containers").size() == 2);
  CHECK(run.daemon.count("/v1.43/containers/" + kDb + "/json") == 1);
}

TEST_CASE("a slow document is unavailable with the timeout; the run goes on") {
  const Collected run("slow", "", 700);
  REQUIRE(run.result.has_value());
  CHECK(reason(run.fact("engine.info")).find("timed out after 0.7 s") != std::string::npos);
  CHECK(run.fact("engine.containers").has_value());
}

TEST_CASE("/version read during negotiation is not read again") {
  const Collected run("noping");
  REQUIRE(run.result.has_value());
  CHECK((run.value("engine.version"))["Version"] == "24.0.7");
  CHECK(run.api.request_counts().at("/version") == 1);
  CHECK(run.daemon.count("/version") == 1);
  CHECK(run.daemon.count("/v1.43/version") == 0);
}

TEST_CASE("a daemon that will not tell its version is read unversioned") {
  const Collected run("noversion");
  REQUIRE(run.result.has_value());
  CHECK(reason(run.fact("engine.version")) == "GET /version: HTTP 500: version unavailable");
  CHECK(run.daemon.count("/version") == 1);
  CHECK(run.fact("engine.info").has_value());
  CHECK(run.daemon.count("/info") == 1);
  CHECK(run.store.meta["api_version"].is_null());
}

TEST_CASE("a daemon that cannot be reached stops the run") {
  collect::DockerApi::Options options;
  options.socket_path = "/nonexistent/docker.sock";
  collect::DockerApi api(options);
  model::FactStore store;
  const auto result = collect_engine(api, all_needs(), "", store);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == model::ErrorKind::unreachable);
  CHECK(result.error().message.find("/nonexistent/docker.sock") != std::string::npos);
  CHECK(store.all().empty());
}

TEST_CASE("/version and /info asked early (while the catalogue loads) are waited for, asked once, and the same") {
  FakeDaemon daemon("normal");
  model::FactStore early;
  {
    collect::DockerApi api(daemon.options());
    collect::EngineSession engine(api);
    engine.open_early();
    collect::Sources sources;
    sources.engine = &engine;
    sources.socket_path = api.socket_path();
    REQUIRE(collect::collect_facts(all_needs(), sources, early).has_value());
    CHECK(api.request_counts().at("/version") == 1);
    CHECK(api.request_counts().at("/info") == 1);
  }
  model::FactStore late;
  collect::DockerApi api(daemon.options());
  REQUIRE(collect_engine(api, all_needs(), "", late).has_value());
  CHECK(early.to_json() == late.to_json());
}

TEST_CASE("a daemon that cannot be reached stops the run while the host lanes, already started, finish") {
  TempTree tree;
  tree.write("/etc/docker/daemon.json", R"({"icc": false})");
  tree.write("/etc/group", "docker:x:999:alice\n");
  const collect::HostRoot root(tree.root());
  collect::DockerApi::Options options;
  options.socket_path = "/nonexistent/docker.sock";
  collect::DockerApi api(options);
  collect::EngineSession engine(api);
  collect::Sources sources;
  sources.root = &root;
  sources.engine = &engine;
  sources.socket_path = api.socket_path();
  auto planned = all_needs();
  planned.insert({"daemon.units", "daemon.config", "host.group:docker", "host.listeners", "container.processes"});
  model::FactStore store;
  const auto result = collect::collect_facts(planned, sources, store);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == model::ErrorKind::unreachable);
  // Nothing half-read is kept: the run stops with the daemon's error alone.
  CHECK(store.all().empty());
}

TEST_CASE("swarm documents are read only on an active manager") {
  SUBCASE("manager") {
    const Collected run("swarm");
    REQUIRE(run.result.has_value());
    const auto& swarm = run.value("engine.swarm");
    CHECK(swarm["active"] == true);
    CHECK(swarm["manager"] == true);
    CHECK(swarm["swarm"]["ID"] == "swarm1");
    CHECK(swarm["nodes"].size() == 2);
    CHECK(swarm["managers"] == 2);
    CHECK(run.daemon.count("/v1.43/swarm") == 1);
    CHECK(run.daemon.count("/v1.43/nodes") == 1);
  }
  SUBCASE("worker") {
    const Collected run("worker");
    REQUIRE(run.result.has_value());
    CHECK(run.value("engine.swarm") == json{{"active", true}, {"manager", false}});
    CHECK(run.daemon.count("/v1.43/swarm") == 0);
    CHECK(run.daemon.count("/v1.43/nodes") == 0);
  }
}

TEST_CASE("the real engine, when one answers") {
  collect::DockerApi api({});
  model::FactStore store;
  const auto result = collect_engine(api, {"engine.info", "engine.containers", "container.inspect"}, "", store);
  if (!result) {
    MESSAGE("no engine at /var/run/docker.sock: " << result.error().message);
    return;
  }
  const auto* info = store.find("engine.info");
  REQUIRE(info != nullptr);
  REQUIRE(info->has_value());
  CHECK((*info)->contains("ServerVersion"));
  const auto* containers = store.find("engine.containers");
  REQUIRE(containers != nullptr);
  REQUIRE(containers->has_value());
  for (const auto& entry : **containers) {
    CHECK(store.find(model::instance_key("container", entry["Id"].get<std::string>(), "inspect")) != nullptr);
  }
  CHECK(store.meta["docker_socket"] == "/var/run/docker.sock");
}

TEST_CASE("an engine whose oldest API is newer than dockcis reads stops the run with one message") {
  const Collected run("future");
  REQUIRE_FALSE(run.result.has_value());
  CHECK(run.result.error().message.find("dockcis reads 1.24 to 1.47") != std::string::npos);
  CHECK(run.result.error().message.find("Engine API 1.50") != std::string::npos);
  CHECK(run.store.all().empty());
}

TEST_CASE("host kinds read beside the engine requests give what one thread reading them after it gives") {
  TempTree tree;
  // ${docker_root} is the engine's DockerRootDir when /info answers, else the configured data-root.
  tree.write("/etc/docker/daemon.json", R"({"icc": false, "live-restore": true, "data-root": "/srv/docker"})");
  tree.mkdir("/var/lib/docker", 0710);
  tree.mkdir("/srv/docker", 0710);
  tree.write("/usr/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --userland-proxy=false\n");
  tree.write("/proc/1/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                                "   0: 00000000:0976 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242\n");
  tree.write("/etc/group", "docker:x:999:alice\n");
  const collect::HostRoot root(tree.root());
  auto planned = all_needs();
  const std::set<std::string> host = {"daemon.units", "daemon.config", "host.kernel",
                                      "host.group:docker", "host.file:${docker_root}", "host.listeners",
                                      "container.processes", "container.main_process"};
  planned.insert(host.begin(), host.end());
  // /info answered at once, and /info answered only by the timeout while the host kinds wait for it.
  for (const auto& [scenario, timeout_ms] : {std::pair<std::string, long>{"normal", 5000}, {"slow", 700}}) {
    CAPTURE(scenario);
    FakeDaemon daemon(scenario);
    model::FactStore together;
    std::vector<std::string> steps;
    {
      collect::DockerApi api(daemon.options(timeout_ms));
      collect::EngineSession engine(api);
      collect::Sources sources;
      sources.root = &root;
      sources.engine = &engine;
      sources.socket_path = api.socket_path();
      REQUIRE(collect::collect_facts(planned, sources, together, [&](std::string_view step) { steps.emplace_back(step); }));
    }
    // The progress line names both lanes while they run side by side.
    CHECK(std::ranges::any_of(steps, [&](const std::string& step) {
      return step.find("Docker engine") != std::string::npos && step.find("host files under " + tree.root().string()) != std::string::npos;
    }));
    model::FactStore apart;
    {
      collect::DockerApi api(daemon.options(timeout_ms));
      REQUIRE(collect_engine(api, all_needs(), "", apart));
      collect::collect_host_facts(root, host, apart);
    }
    for (const auto* key : {"daemon.units", "daemon.config", "host.kernel", "host.group:docker", "host.file:${docker_root}",
                            "host.listeners"}) {
      CHECK_MESSAGE(together.find(key) != nullptr, key);
    }
    CHECK(together.find("container/" + kWeb + "/processes") != nullptr);
    CHECK(together.find("daemon.config")->has_value());
    CHECK(util::get_or(*together.value("host.file:${docker_root}"), "path", std::string()) ==
          (scenario == "normal" ? "/var/lib/docker" : "/srv/docker"));
    CHECK(together.to_json() == apart.to_json());
  }
}

TEST_CASE("with the fields the checks read, list entries and inspects keep only those") {
  Session session("mounts");
  const model::FieldsRead fields{{"engine.containers", {"/Id", "/Names", "/Ports"}}, {"container.inspect", {"/Id", "/HostConfig/Privileged"}}};
  session.sources.fields = &fields;
  model::FactStore store;
  REQUIRE(collect::collect_facts({"engine.containers", "container.inspect"}, session.sources, store));
  const auto* listed = store.value("engine.containers");
  REQUIRE(listed != nullptr);
  REQUIRE(listed->size() == 2);
  for (const auto& entry : *listed) {
    CHECK(entry.contains("Id"));
    CHECK(entry.contains("Names"));
    CHECK_FALSE(entry.contains("Mounts"));
    CHECK(entry.size() <= 3);
  }
  CHECK((*listed)[1]["Names"][0] == "/web");
  const auto* inspect = store.value("container/" + kWeb + "/inspect");
  REQUIRE(inspect != nullptr);
  CHECK(*inspect == json{{"Id", kWeb}, {"HostConfig", {{"Privileged", false}}}});
}

namespace {

const std::string kGone = id_of("c9");

/// A host whose data root holds directories for `ids` (and a name that is no id).
struct DataRoot {
  explicit DataRoot(const std::vector<std::string>& ids) {
    tree.mkdir("/var/lib/docker/containers", 0710);
    for (const auto& id : ids) tree.mkdir("/var/lib/docker/containers/" + id, 0710);
    tree.write("/var/lib/docker/containers/" + kWeb.substr(0, 12) + ".tmp", "");
  }
  TempTree tree;
  collect::HostRoot root{tree.root()};
};

/// Collects `planned` from a fake daemon whose /info counts `counted` containers, on a host with `host`'s data root.
/// `adjust` sets what else the sources say (fields read, the scanner's own container).
struct CollectedOnHost {
  CollectedOnHost(const std::string& scenario, int counted, const DataRoot& host, const std::set<std::string>& planned = all_needs(),
                  const std::function<void(collect::Sources&)>& adjust = {})
      : daemon(scenario, "1.43", {"--containers", std::to_string(counted)}) {
    collect::DockerApi api(daemon.options());
    collect::EngineSession engine(api);
    collect::Sources sources;
    sources.root = &host.root;
    sources.engine = &engine;
    sources.socket_path = api.socket_path();
    if (adjust) adjust(sources);
    result = collect::collect_facts(planned, sources, store);
  }
  [[nodiscard]] int inspects_of(const std::string& id) const { return daemon.count("/v1.43/containers/" + id + "/json"); }
  FakeDaemon daemon;
  model::FactStore store;
  std::expected<void, collect::CollectError> result;
};

}  // namespace

TEST_CASE("the inspects of the containers the data root holds are asked beside the list; the list decides which are kept") {
  // /info counts three: web and db, listed, and one whose directory outlived it (never listed).
  const DataRoot host({kWeb, kDb, kGone});
  const CollectedOnHost run("normal", 3, host);
  REQUIRE(run.result.has_value());
  CHECK(run.inspects_of(kWeb) == 1);
  CHECK(run.inspects_of(kDb) == 1);
  CHECK(run.inspects_of(kGone) == 1);
  CHECK(run.store.find("container/" + kGone + "/inspect") == nullptr);
  // The same facts as reading each inspect after the list (/info aside, which counts the containers here).
  const Collected after("normal");
  auto facts = run.store.to_json()["facts"];
  auto facts_after = after.store.to_json()["facts"];
  facts.erase("engine.info");
  facts_after.erase("engine.info");
  CHECK(facts == facts_after);
}

TEST_CASE("inspects beside the list keep the fields the checks read; the scanner's own container is not kept") {
  const DataRoot host({kWeb, kDb});
  const model::FieldsRead fields{{"engine.containers", {"/Id", "/Names"}}, {"container.inspect", {"/Id", "/HostConfig/Privileged"}}};
  const auto read_as_audit = [&](collect::Sources& sources) {
    sources.fields = &fields;
    sources.self_container_id = kWeb.substr(0, 12);
  };
  const CollectedOnHost run("normal", 2, host, all_needs(), read_as_audit);
  REQUIRE(run.result.has_value());
  CHECK(run.inspects_of(kWeb) == 1);
  CHECK(run.store.find("container/" + kWeb + "/inspect") == nullptr);
  CHECK(*run.store.value("container/" + kDb + "/inspect") == json{{"Id", kDb}, {"HostConfig", {{"Privileged", true}}}});
  CHECK(run.store.value("engine.containers")->size() == 1);
}

TEST_CASE("the data root is not read for inspects when /info counts otherwise, nor when no inspect is planned") {
  const DataRoot host({kWeb, kDb, kGone});
  SUBCASE("/info counts two containers, the data root holds three") {
    const CollectedOnHost run("normal", 2, host);
    REQUIRE(run.result.has_value());
    CHECK(run.inspects_of(kGone) == 0);
    CHECK(run.inspects_of(kWeb) == 1);
    CHECK(run.store.find("container/" + kWeb + "/inspect")->has_value());
  }
  SUBCASE("/info counts more containers than --max-containers") {
    const CollectedOnHost run("normal", 3, host, all_needs(), [](collect::Sources& sources) { sources.list_caps.containers = 2; });
    REQUIRE(run.result.has_value());
    CHECK(run.inspects_of(kGone) == 0);
    CHECK(run.store.find("container/" + kDb + "/inspect")->has_value());
  }
  SUBCASE("only the list is planned") {
    const CollectedOnHost run("normal", 3, host, {"engine.version", "engine.info", "engine.containers"});
    REQUIRE(run.result.has_value());
    CHECK(run.inspects_of(kWeb) == 0);
    CHECK(run.inspects_of(kGone) == 0);
    CHECK(run.store.value("engine.containers")->size() == 2);
  }
}

TEST_CASE("a listed container whose inspect beside the list found nothing is asked again after it") {
  const DataRoot host({kWeb, kDb});
  const CollectedOnHost run("removed", 2, host);
  REQUIRE(run.result.has_value());
  CHECK(run.inspects_of(kDb) == 2);
  CHECK(run.inspects_of(kWeb) == 1);
  CHECK(reason(*run.store.find("container/" + kDb + "/inspect")) == "container db was removed during the scan");
  CHECK(run.store.find("container/" + kWeb + "/inspect")->has_value());
}

TEST_CASE("inspects that stall beside the list are their containers' timeouts, each asked once") {
  // The stalled scenario lists 40 more containers whose inspects never answer.
  std::vector<std::string> stalled;
  for (int i = 0; i < 40; ++i) stalled.push_back((i < 10 ? "d00" : "d0") + std::to_string(i) + std::string(60, '0'));
  auto ids = stalled;
  ids.insert(ids.end(), {kWeb, kDb});
  const DataRoot host(ids);
  FakeDaemon daemon("stalled", "1.43", {"--containers", "42"});
  collect::DockerApi api(daemon.options(800));
  collect::EngineSession engine(api);
  collect::Sources sources;
  sources.root = &host.root;
  sources.engine = &engine;
  sources.socket_path = api.socket_path();
  model::FactStore store;
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(collect::collect_facts(all_needs(), sources, store));
  // About one timeout, as without the data root (stalled inspects do not hold their slots).
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
  for (const auto& id : stalled) {
    CAPTURE(id);
    CHECK(daemon.count("/v1.43/containers/" + id + "/json") == 1);
    const auto* fact = store.find("container/" + id + "/inspect");
    REQUIRE(fact != nullptr);
    CHECK(reason(*fact).find("timed out after 0.8 s") != std::string::npos);
  }
  CHECK(store.find("container/" + kWeb + "/inspect")->has_value());
}

TEST_CASE("past 2,000 containers the audit keeps to base pages; up to 2,000 huge pages stay allowed") {
  // In a child each time: the setting cannot be taken back, and it is the process's.
  const auto small_pages_after = [](std::int64_t containers) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      collect::size_pages_for(containers);
      ::_exit(::prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 ? 1 : 0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status) == 1;
  };
  CHECK_FALSE(small_pages_after(0));
  CHECK_FALSE(small_pages_after(2000));
  CHECK(small_pages_after(2001));
  CHECK(small_pages_after(1'000'000));
}
