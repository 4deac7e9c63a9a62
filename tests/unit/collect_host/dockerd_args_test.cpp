// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "collect/host/dockerd_args.hpp"

using namespace dockcis::collect;
using nlohmann::json;

TEST_CASE("dockerd flags: booleans never take the next word") {
  const auto flags = parse_dockerd_args({"/usr/bin/dockerd", "--live-restore", "--icc=false", "-H", "fd://",
                                         "--containerd=/run/containerd/containerd.sock", "--userland-proxy=false", "-D"});
  CHECK(flags.at("--live-restore") == std::vector<std::string>{"true"});
  CHECK(flags.at("--icc") == std::vector<std::string>{"false"});
  CHECK(flags.at("--host") == std::vector<std::string>{"fd://"});
  CHECK(flags.at("--debug") == std::vector<std::string>{"true"});
  const auto options = flags_to_options(flags);
  CHECK(options["live-restore"] == true);
  CHECK(options["icc"] == false);
  CHECK(options["userland-proxy"] == false);
  CHECK(options["debug"] == true);
  CHECK(options["hosts"] == json::array({"fd://"}));
  CHECK(options["containerd"] == "/run/containerd/containerd.sock");
}

TEST_CASE("dockerd flags: value forms, short forms and repeated list flags") {
  const auto flags = parse_dockerd_args({"dockerd", "--log-level", "debug", "-l", "warn", "--insecure-registry=10.0.0.0/8",
                                         "--insecure-registry", "reg.example:5000", "-H", "tcp://0.0.0.0:2376",
                                         "--host=unix:///var/run/docker.sock", "--authorization-plugin=authz",
                                         "--default-ulimit", "nofile=1024:2048", "--log-opt", "max-size=10m",
                                         "--storage-opt", "dm.basesize=20G", "-g", "/srv/docker", "--tlsverify"});
  const auto options = flags_to_options(flags);
  CHECK(options["log-level"] == "warn");  // the last one wins, as in dockerd
  CHECK(options["insecure-registries"] == json::array({"10.0.0.0/8", "reg.example:5000"}));
  CHECK(options["hosts"] == json::array({"tcp://0.0.0.0:2376", "unix:///var/run/docker.sock"}));
  CHECK(options["authorization-plugins"] == json::array({"authz"}));
  CHECK(options["default-ulimits"]["nofile"] == json{{"Name", "nofile"}, {"Soft", 1024}, {"Hard", 2048}});
  CHECK(options["log-opts"]["max-size"] == "10m");
  CHECK(options["storage-opts"] == json::array({"dm.basesize=20G"}));
  CHECK(options["data-root"] == "/srv/docker");
  CHECK(options["tlsverify"] == true);
}

TEST_CASE("environment files and shell words") {
  CHECK(shell_words(R"(--icc=false -H "unix:///a b.sock" 'x y' z\ w)") ==
        std::vector<std::string>{"--icc=false", "-H", "unix:///a b.sock", "x y", "z w"});
  const auto variables = parse_environment_file("# comment\nDOCKER_OPTS=\"--icc=false --live-restore\"\nexport OPTIONS='--selinux-enabled'\n\nBAD LINE\n");
  CHECK(variables.at("DOCKER_OPTS") == "--icc=false --live-restore");
  CHECK(variables.at("OPTIONS") == "--selinux-enabled");
  CHECK(variables.size() == 2);
}
