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

TEST_CASE("dockerd flags: a table of boolean forms") {
  struct Case {
    std::vector<std::string> argv;
    const char* option;
    json expected;
  };
  const Case cases[] = {
      {{"dockerd", "--icc"}, "icc", true},
      {{"dockerd", "--icc=false"}, "icc", false},
      {{"dockerd", "--icc=0"}, "icc", false},
      {{"dockerd", "--icc=F"}, "icc", false},
      {{"dockerd", "--icc=true"}, "icc", true},
      {{"dockerd", "--icc", "false"}, "icc", true},  // dockerd takes no separate value for a boolean
      {{"dockerd", "--live-restore", "--icc=false"}, "live-restore", true},
      {{"dockerd", "--live-restore", "--icc=false"}, "icc", false},
      {{"dockerd", "--userland-proxy=false"}, "userland-proxy", false},
      {{"dockerd", "--no-new-privileges"}, "no-new-privileges", true},
      {{"dockerd", "--tlsverify", "--tlscacert", "/etc/docker/ca.pem"}, "tlsverify", true},
      {{"dockerd", "--tlsverify", "--tlscacert", "/etc/docker/ca.pem"}, "tlscacert", "/etc/docker/ca.pem"},
      {{"dockerd", "--tls"}, "tls", true},
      {{"dockerd", "-D", "-l", "info"}, "debug", true},
      {{"dockerd", "-D", "-l", "info"}, "log-level", "info"},
      {{"dockerd", "--experimental", "--selinux-enabled"}, "selinux-enabled", true},
      {{"dockerd", "--iptables=false", "--iptables"}, "iptables", true},  // the last one wins
      {{"dockerd", "--debug=false"}, "debug", false},
  };
  for (const auto& [argv, option, expected] : cases) {
    CAPTURE(argv.back());
    CAPTURE(option);
    const auto options = flags_to_options(parse_dockerd_args(argv));
    REQUIRE(options.contains(option));
    CHECK(options[option] == expected);
  }
}

TEST_CASE("dockerd flags: shorthands, typed numbers and structured list flags") {
  struct Case {
    std::vector<std::string> argv;
    const char* option;
    json expected;
  };
  const Case cases[] = {
      {{"dockerd", "-Hfd://", "-H=unix:///run/docker.sock"}, "hosts", {"fd://", "unix:///run/docker.sock"}},
      {{"dockerd", "-ldebug"}, "log-level", "debug"},
      {{"dockerd", "-G", "dockerusers"}, "group", "dockerusers"},
      {{"dockerd", "-s", "overlay2"}, "storage-driver", "overlay2"},
      {{"dockerd", "-b", "none"}, "bridge", "none"},
      {{"dockerd", "-p", "/run/dockerd.pid"}, "pidfile", "/run/dockerd.pid"},
      {{"dockerd", "--graph", "/srv/old"}, "data-root", "/srv/old"},
      {{"dockerd", "--max-concurrent-downloads=5"}, "max-concurrent-downloads", 5},
      {{"dockerd", "--mtu", "1450"}, "mtu", 1450},
      {{"dockerd", "--mtu", "big"}, "mtu", "big"},
      {{"dockerd", "--log-driver", "journald"}, "log-driver", "journald"},
      {{"dockerd", "--add-runtime", "crun=/usr/bin/crun"}, "runtimes", {{"crun", {{"path", "/usr/bin/crun"}}}}},
      {{"dockerd", "--default-address-pool", "base=10.10.0.0/16,size=24"}, "default-address-pools",
       json::array({{{"base", "10.10.0.0/16"}, {"size", 24}}})},
      {{"dockerd", "--log-opt", "max-size=10m", "--log-opt", "max-file=3"}, "log-opts", {{"max-size", "10m"}, {"max-file", "3"}}},
      {{"dockerd", "--default-ulimit", "nproc=512"}, "default-ulimits", {{"nproc", {{"Name", "nproc"}, {"Soft", 512}, {"Hard", 512}}}}},
      {{"dockerd", "--dns", "10.0.0.2", "--dns=10.0.0.3"}, "dns", {"10.0.0.2", "10.0.0.3"}},
      {{"dockerd", "--exec-opt", "native.cgroupdriver=systemd"}, "exec-opts", {"native.cgroupdriver=systemd"}},
      {{"dockerd", "--userns-remap=default"}, "userns-remap", "default"},
  };
  for (const auto& [argv, option, expected] : cases) {
    CAPTURE(argv[1]);
    const auto options = flags_to_options(parse_dockerd_args(argv));
    REQUIRE(options.contains(option));
    CHECK(options[option] == expected);
  }
  // Words that are no flag (the program name, stray values) are not options.
  CHECK(flags_to_options(parse_dockerd_args({"dockerd", "stray", "--", "-"})).empty());
}

TEST_CASE("dockerd flags: a word that names no flag is not one") {
  const auto flags = parse_dockerd_args({"dockerd", "-=live-restore", "--=x", "-", "--", "--icc=false"});
  CHECK(flags.size() == 1);
  CHECK(flags.at("--icc") == std::vector<std::string>{"false"});
  CHECK(flags_to_options(flags) == json{{"icc", false}});
}

TEST_CASE("dockerd flags: daemon.json's list keys given as flags do not clash with the real list flags") {
  const auto options = flags_to_options(parse_dockerd_args({"dockerd", "--insecure-registries", "a", "--insecure-registry", "b",
                                                            "--log-opts", "x", "--log-opt", "max-size=1m", "--hosts=tcp://x",
                                                            "--default-ulimits", "y", "--default-ulimit", "nofile=1:2"}));
  CHECK(options["insecure-registries"] == json::array({"b"}));
  CHECK(options["log-opts"] == json{{"max-size", "1m"}});
  CHECK_FALSE(options.contains("hosts"));
  CHECK(options["default-ulimits"]["nofile"]["Hard"] == 2);
}
