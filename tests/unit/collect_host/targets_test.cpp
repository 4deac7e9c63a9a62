// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "collect/host/targets.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

namespace {

json options(std::initializer_list<std::pair<const char*, json>> values) {
  json document = json::object();
  for (const auto& [key, value] : values) document[key] = {{"value", value}, {"source", "file"}};
  return json{{"options", document}, {"config_file", {{"path", "/etc/docker/daemon.json"}}}};
}

}  // namespace

TEST_CASE("targets resolve from the facts already collected") {
  TempTree tree;
  tree.write("/usr/local/bin/runc", "");
  tree.write("/var/run/docker/containerd/containerd.sock", "");
  const collect::HostRoot root(tree.root());

  struct Case {
    const char* name;
    json info;    ///< engine.info, null when not collected
    json config;  ///< daemon.config
    json units;   ///< daemon.units
    const char* api_socket;
    const char* target;
    std::optional<std::string> expected;
  };
  const json no_units{{"docker.service", {{"fragment_path", nullptr}}}, {"docker.socket", {{"listen_stream", json::array()}}}};
  const json units{{"docker.service", {{"fragment_path", "/lib/systemd/system/docker.service"}}},
                   {"docker.socket", {{"fragment_path", nullptr}, {"listen_stream", {"/run/docker.sock"}}}}};
  const Case cases[] = {
      {"a plain path", nullptr, options({}), no_units, "", "/etc/docker", "/etc/docker"},
      {"unit fragment", nullptr, options({}), units, "", "${unit:docker.service}", "/lib/systemd/system/docker.service"},
      {"unit not installed", nullptr, options({}), units, "", "${unit:docker.socket}", std::nullopt},
      {"data root from the API", {{"DockerRootDir", "/srv/docker"}}, options({}), no_units, "", "${docker_root}", "/srv/docker"},
      {"userns-remap: the parent", {{"DockerRootDir", "/var/lib/docker/100000.100000"}, {"SecurityOptions", {"name=userns"}}},
       options({}), no_units, "", "${docker_root}", "/var/lib/docker"},
      {"data root from the file", nullptr, options({{"data-root", "/data/docker"}}), no_units, "", "${docker_root}", "/data/docker"},
      {"daemon.json", nullptr, json{{"config_file", {{"path", "/opt/daemon.json"}}}}, no_units, "", "${daemon_json}", "/opt/daemon.json"},
      {"socket: the API's among several -H", nullptr, options({{"hosts", {"unix:///run/a.sock", "unix:///run/b.sock", "tcp://0.0.0.0:2376"}}}),
       units, "/run/b.sock", "${docker_socket}", "/run/b.sock"},
      {"socket: the first -H", nullptr, options({{"hosts", {"fd://", "unix:///run/a.sock"}}}), units, "/var/run/docker.sock",
       "${docker_socket}", "/run/a.sock"},
      {"socket: the socket unit", nullptr, options({{"hosts", {"fd://"}}}), units, "/var/run/docker.sock", "${docker_socket}",
       "/run/docker.sock"},
      {"socket: the API's", nullptr, options({}), no_units, "/run/user/1000/docker.sock", "${docker_socket}",
       "/run/user/1000/docker.sock"},
      {"socket: dockerd's default", nullptr, options({}), no_units, "", "${docker_socket}", "/var/run/docker.sock"},
      {"containerd from the API", {{"Containerd", {{"Address", "/run/k3s/containerd.sock"}}}}, options({}), no_units, "",
       "${containerd_socket}", "/run/k3s/containerd.sock"},
      {"containerd from the option", nullptr, options({{"containerd", "/run/c.sock"}}), no_units, "", "${containerd_socket}",
       "/run/c.sock"},
      {"containerd managed by dockerd", nullptr, options({}), no_units, "", "${containerd_socket}",
       "/var/run/docker/containerd/containerd.sock"},
      {"TLS file configured", nullptr, options({{"tlsverify", true}, {"tlscacert", "/etc/docker/ca.pem"}}), no_units, "",
       "${daemon:tlscacert}", "/etc/docker/ca.pem"},
      {"TLS default of root", nullptr, options({{"tlsverify", true}}), no_units, "", "${daemon:tlskey}", "/root/.docker/key.pem"},
      {"TLS off", nullptr, options({{"tlsverify", false}}), no_units, "", "${daemon:tlscert}", std::nullopt},
      {"binary found", nullptr, options({}), no_units, "", "${bin:runc}", "/usr/local/bin/runc"},
      {"binary absent", nullptr, options({}), no_units, "", "${bin:containerd}", "/usr/bin/containerd"},
      {"dockerd from the process", nullptr, json{{"process", {{"exe", "/opt/bin/dockerd"}}}}, no_units, "", "${bin:dockerd}",
       "/opt/bin/dockerd"},
      {"an unknown target", nullptr, options({}), no_units, "", "${nonsense}", std::nullopt},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    model::FactStore facts;
    if (!c.info.is_null()) facts.set("engine.info", c.info);
    facts.set("daemon.config", c.config);
    facts.set("daemon.units", c.units);
    facts.meta["docker_socket"] = c.api_socket;
    const auto resolved = collect::resolve_target(c.target, root, collect::target_facts(facts));
    REQUIRE(resolved.has_value());
    CHECK(*resolved == c.expected);
  }
}

TEST_CASE("a target whose source could not be read is unknown, not dockerd's default path") {
  TempTree tree;
  const collect::HostRoot root(tree.root());
  model::FactStore facts;
  facts.set("daemon.config", std::unexpected(model::Unavailable{"/srv/daemon.json: not valid JSON"}));
  facts.set("daemon.units", std::unexpected(model::Unavailable{"/etc/systemd/system/docker.service.d: permission denied"}));
  const auto targets = collect::target_facts(facts);
  for (const auto* target : {"${daemon_json}", "${daemon:tlscacert}", "${docker_root}"}) {
    CAPTURE(target);
    const auto resolved = collect::resolve_target(target, root, targets);
    REQUIRE_FALSE(resolved.has_value());
    CHECK(resolved.error().reason.find("is unknown") != std::string::npos);
    CHECK(resolved.error().reason.find("/srv/daemon.json: not valid JSON") != std::string::npos);
  }
  const auto unit = collect::resolve_target("${unit:docker.service}", root, targets);
  REQUIRE_FALSE(unit.has_value());
  CHECK(unit.error().reason ==
        "the path ${unit:docker.service} is unknown: the systemd units could not be read: "
        "/etc/systemd/system/docker.service.d: permission denied");
  // The engine's own answer still names the data root; the rest does not need the configuration.
  facts.set("engine.info", json{{"DockerRootDir", "/srv/docker"}});
  const auto resolved = [&](const char* target) { return collect::resolve_target(target, root, collect::target_facts(facts)).value_or(std::nullopt); };
  CHECK(resolved("${docker_root}") == "/srv/docker");
  CHECK(resolved("${docker_socket}") == "/var/run/docker.sock");
  CHECK(resolved("/etc/docker") == "/etc/docker");
}
