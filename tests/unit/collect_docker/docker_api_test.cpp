// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "collect/docker/docker_api.hpp"
#include "collect/docker/engine_facts.hpp"

using namespace dockcis;
using model::json;

namespace {

/// Runs tests/fake_docker/server.py on a fresh socket for one scenario.
class FakeDaemon {
 public:
  explicit FakeDaemon(const std::string& scenario) {
    char pattern[] = "/tmp/dockcis-fake-XXXXXX";
    dir_ = mkdtemp(pattern);
    socket_ = dir_ + "/docker.sock";
    pid_ = fork();
    if (pid_ == 0) {
      execl("/usr/bin/python3", "python3", FAKE_DOCKER_SERVER, socket_.c_str(), scenario.c_str(), nullptr);
      _exit(127);
    }
    // The socket file appears at bind(), before listen(): wait until a connection is accepted.
    bool listening = false;
    for (int i = 0; i < 200 && !listening; ++i) {
      listening = accepts_connections();
      if (!listening) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE_MESSAGE(listening, "the fake daemon did not start");
  }
  ~FakeDaemon() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::filesystem::remove_all(dir_);
  }
  FakeDaemon(const FakeDaemon&) = delete;
  FakeDaemon& operator=(const FakeDaemon&) = delete;
  [[nodiscard]] collect::DockerApi::Options options(long timeout_ms = 5000) const {
    collect::DockerApi::Options options;
    options.socket_path = socket_;
    options.timeout_ms = timeout_ms;
    return options;
  }

 private:
  [[nodiscard]] bool accepts_connections() const {
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    socket_.copy(address.sun_path, sizeof(address.sun_path) - 1);
    const bool connected = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    return connected;
  }

  std::string dir_;
  std::string socket_;
  pid_t pid_ = -1;
};

std::string id_of(const char* two) {
  std::string id;
  for (int i = 0; i < 32; ++i) id += two;
  return id;
}

collect::EngineNeeds all_needs() {
  collect::EngineNeeds needs;
  needs.containers = needs.container_inspect = needs.images = needs.networks = needs.network_inspect = true;
  return needs;
}

}  // namespace

TEST_CASE("socket path: --socket, then DOCKER_HOST=unix://, then the default") {
  CHECK(*collect::resolve_socket_path("/run/user/1000/docker.sock", "unix:///other.sock") == "/run/user/1000/docker.sock");
  CHECK(*collect::resolve_socket_path("", "unix:///run/user/1000/docker.sock") == "/run/user/1000/docker.sock");
  CHECK(*collect::resolve_socket_path("", nullptr) == "/var/run/docker.sock");
  CHECK(*collect::resolve_socket_path("", "") == "/var/run/docker.sock");
  const auto tcp = collect::resolve_socket_path("", "tcp://10.0.0.1:2376");
  REQUIRE_FALSE(tcp.has_value());
  CHECK(tcp.error().find("unix://") != std::string::npos);
}

TEST_CASE("a missing socket is unreachable, with the path and a hint") {
  collect::DockerApi::Options options;
  options.socket_path = "/nonexistent/docker.sock";
  collect::DockerApi api(options);
  const auto version = api.negotiate();
  REQUIRE_FALSE(version.has_value());
  CHECK(version.error().kind == collect::ApiError::Kind::unreachable);
  CHECK(version.error().message.find("/nonexistent/docker.sock") != std::string::npos);
  CHECK(version.error().message.find("is dockerd running") != std::string::npos);
}

TEST_CASE("the API version comes from /_ping, else from /version") {
  {
    FakeDaemon daemon("normal");
    collect::DockerApi api(daemon.options());
    CHECK(*api.negotiate() == "1.43");
  }
  {
    FakeDaemon daemon("noping");
    collect::DockerApi api(daemon.options());
    CHECK(*api.negotiate() == "1.43");
    CHECK(api.request_counts().at("/version") == 1);
  }
}

TEST_CASE("every document is fetched once; inspects of all containers, created and exited included") {
  FakeDaemon daemon("normal");
  collect::DockerApi api(daemon.options());
  model::FactStore store;
  REQUIRE(collect::collect_engine_facts(api, all_needs(), "", store).has_value());
  CHECK((*store.find("engine.containers"))->size() == 2);
  CHECK((*store.find("container/" + id_of("c2") + "/inspect"))->at("HostConfig").at("Privileged") == true);
  CHECK((*store.find("engine.bridge"))->at("Options").at("com.docker.network.bridge.enable_icc") == "true");
  for (const auto& [path, count] : api.request_counts()) {
    CAPTURE(path);
    CHECK(count == 1);
  }
  CHECK(store.meta["api_version"] == "1.43");
}

TEST_CASE("the scanner's own container is left out") {
  FakeDaemon daemon("normal");
  collect::DockerApi api(daemon.options());
  model::FactStore store;
  REQUIRE(collect::collect_engine_facts(api, all_needs(), id_of("c1"), store).has_value());
  CHECK((*store.find("engine.containers"))->size() == 1);
  CHECK(store.find("container/" + id_of("c1") + "/inspect") == nullptr);
}

TEST_CASE("HTTP 500 makes the fact unavailable with the daemon's message") {
  FakeDaemon daemon("http500");
  collect::DockerApi api(daemon.options());
  model::FactStore store;
  REQUIRE(collect::collect_engine_facts(api, all_needs(), "", store).has_value());
  const auto* containers = store.find("engine.containers");
  REQUIRE(containers != nullptr);
  REQUIRE_FALSE(containers->has_value());
  CHECK(containers->error().reason == "GET /containers/json?all=1: HTTP 500: fake daemon failure");
  CHECK(store.find("engine.info")->has_value());
}

TEST_CASE("malformed and truncated JSON are unavailable, never a value") {
  {
    FakeDaemon daemon("malformed");
    collect::DockerApi api(daemon.options());
    model::FactStore store;
    REQUIRE(collect::collect_engine_facts(api, all_needs(), "", store).has_value());
    REQUIRE_FALSE(store.find("engine.info")->has_value());
    CHECK(store.find("engine.info")->error().reason.find("malformed JSON") != std::string::npos);
  }
  {
    FakeDaemon daemon("truncated");
    collect::DockerApi api(daemon.options());
    model::FactStore store;
    REQUIRE(collect::collect_engine_facts(api, all_needs(), "", store).has_value());
    const auto* web = store.find("container/" + id_of("c1") + "/inspect");
    REQUIRE_FALSE(web->has_value());
    CHECK(web->error().reason.find("truncated") != std::string::npos);
    CHECK(store.find("container/" + id_of("c2") + "/inspect")->has_value());
  }
}

TEST_CASE("a container removed during the scan is unavailable by name; the others are read") {
  FakeDaemon daemon("removed");
  collect::DockerApi api(daemon.options());
  model::FactStore store;
  REQUIRE(collect::collect_engine_facts(api, all_needs(), "", store).has_value());
  const auto* db = store.find("container/" + id_of("c2") + "/inspect");
  REQUIRE_FALSE(db->has_value());
  CHECK(db->error().reason == "container db was removed during the scan");
  CHECK(store.find("container/" + id_of("c1") + "/inspect")->has_value());
}

TEST_CASE("a slow daemon times out") {
  FakeDaemon daemon("slow");
  collect::DockerApi api(daemon.options(800));
  REQUIRE(api.negotiate().has_value());
  const auto started = std::chrono::steady_clock::now();
  const auto info = api.get("/info");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(info.has_value());
  CHECK(info.error().kind == collect::ApiError::Kind::timeout);
  CHECK(info.error().message.find("did not answer") != std::string::npos);
  CHECK(elapsed < std::chrono::seconds(4));
}

TEST_CASE("the real engine, when one answers") {
  collect::DockerApi api({});
  if (!api.negotiate()) {
    MESSAGE("no engine at /var/run/docker.sock");
    return;
  }
  const auto info = api.get("/info");
  REQUIRE(info.has_value());
  CHECK(info->contains("ServerVersion"));
}
