// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "collect/host/daemon_config.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

namespace {
std::string nul_joined(std::initializer_list<const char*> words) {
  std::string out;
  for (const char* word : words) out += std::string(word) + '\0';
  return out;
}

void add_dockerd(const TempTree& tree, int pid, int uid, std::initializer_list<const char*> argv, long long start_ticks = 100) {
  const std::string base = "/proc/" + std::to_string(pid);
  tree.write(base + "/comm", "dockerd\n");
  tree.write(base + "/cmdline", nul_joined(argv));
  tree.write(base + "/status", "Name:\tdockerd\nUid:\t" + std::to_string(uid) + "\t" + std::to_string(uid) + "\t0\t0\n");
  std::string stat = std::to_string(pid) + " (dockerd) S 1";
  for (int field = 5; field <= 21; ++field) stat += " 0";
  stat += " " + std::to_string(start_ticks) + " 0 0\n";
  tree.write(base + "/stat", stat);
}
}  // namespace

TEST_CASE("both sources merge; a key given twice is a conflict") {
  const json process{{"pid", 10}, {"uid", 0}, {"cmdline", {"dockerd", "--icc=false", "--live-restore"}}, {"start_time", 1000}};
  const json file_options{{"icc", true}, {"log-driver", "syslog"}};
  const auto config = collect::merge_daemon_config(process, json{{"path", "/etc/docker/daemon.json"}, {"mtime", 2000}}, file_options);
  CHECK(config["options"]["icc"] == json{{"value", false}, {"source", "flag"}});
  CHECK(config["options"]["live-restore"] == json{{"value", true}, {"source", "flag"}});
  CHECK(config["options"]["log-driver"] == json{{"value", "syslog"}, {"source", "file"}});
  CHECK(config["options"]["userland-proxy"] == json{{"value", true}, {"source", "default"}});
  CHECK(config["conflicts"] == json::array({"icc"}));
  CHECK(config["file_newer_than_daemon"] == true);
  CHECK(config["flags"]["--icc"] == json::array({"false"}));
  // The built-in values beside the ones that override them, for the report's sources.
  CHECK(config["defaults"]["icc"] == true);
  CHECK(config["defaults"]["live-restore"] == false);
}

TEST_CASE("daemon.config from a host tree: the running dockerd and its daemon.json") {
  TempTree tree;
  add_dockerd(tree, 4242, 0, {"/usr/bin/dockerd", "-H", "fd://", "--icc=false"});
  tree.write("/proc/stat", "cpu  1 2 3\nbtime 1700000000\n");
  tree.write("/etc/docker/daemon.json", R"({"live-restore": true, "no-new-privileges": true})");
  const auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE(fact.has_value());
  CHECK((*fact)["process"]["pid"] == 4242);
  CHECK((*fact)["config_file"]["path"] == "/etc/docker/daemon.json");
  CHECK((*fact)["config_file"]["exists"] == true);
  CHECK((*fact)["options"]["icc"]["source"] == "flag");
  CHECK((*fact)["options"]["live-restore"] == json{{"value", true}, {"source", "file"}});
  CHECK((*fact)["process"]["start_time"].is_number());
}

TEST_CASE("a boot time and start ticks whose sum is out of range give no start time") {
  TempTree tree;
  add_dockerd(tree, 4242, 0, {"/usr/bin/dockerd"}, 9223372036854775807LL);
  tree.write("/proc/stat", "cpu  1 2 3\nbtime 9223372036854775807\n");
  auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE(fact.has_value());
  CHECK((*fact)["process"]["start_time"].is_null());
  CHECK((*fact)["file_newer_than_daemon"] == false);
  tree.write("/proc/stat", "cpu  1 2 3\nbtime -5\n");
  fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE(fact.has_value());
  CHECK((*fact)["process"]["start_time"].is_null());
}

TEST_CASE("--config-file and rootless daemons read another daemon.json") {
  TempTree tree;
  add_dockerd(tree, 77, 1000, {"dockerd", "--config-file", "/srv/daemon.json"});
  tree.write("/srv/daemon.json", R"({"icc": false})");
  auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE(fact.has_value());
  CHECK((*fact)["config_file"]["path"] == "/srv/daemon.json");
  CHECK((*fact)["config_file"]["source"] == "flag");
  CHECK((*fact)["options"]["icc"]["value"] == false);

  TempTree rootless;
  add_dockerd(rootless, 88, 1000, {"dockerd"});
  rootless.write("/etc/passwd", "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
  rootless.write("/home/alice/.config/docker/daemon.json", R"({"live-restore": true})");
  fact = collect::daemon_config_fact(collect::HostRoot(rootless.root()), model::json::object());
  REQUIRE(fact.has_value());
  CHECK((*fact)["config_file"]["path"] == "/home/alice/.config/docker/daemon.json");
  CHECK((*fact)["options"]["live-restore"]["value"] == true);
}

TEST_CASE("a daemon.json that cannot be parsed makes the configuration unknown, not default") {
  TempTree tree;
  tree.write("/etc/docker/daemon.json", R"({"icc": false,)");
  const auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().reason.find("not valid JSON") != std::string::npos);

  // dockerd refuses a file with anything after the document, a NUL included.
  tree.write("/etc/docker/daemon.json", std::string(R"({"icc": false})") + std::string("\0garbage", 8));
  const auto after_nul = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE_FALSE(after_nul.has_value());
  CHECK(after_nul.error().reason.find("a NUL byte at offset 14") != std::string::npos);

  TempTree empty;
  const auto defaults = collect::daemon_config_fact(collect::HostRoot(empty.root()), model::json::object());
  REQUIRE(defaults.has_value());
  CHECK((*defaults)["config_file"]["exists"] == false);
  CHECK((*defaults)["process"].is_null());
  CHECK((*defaults)["options"]["icc"] == json{{"value", true}, {"source", "default"}});
}

TEST_CASE("without a visible dockerd, the unit's ExecStart and environment files give the flags") {
  TempTree tree;
  tree.write("/etc/default/docker", "DOCKER_OPTS=\"--icc=false --insecure-registry 10.0.0.0/8\"\n");
  tree.write("/etc/docker/daemon.json", R"({"live-restore": true})");
  const json service{{"found", true},
                     {"exec_start", {"/usr/bin/dockerd -H fd:// $DOCKER_OPTS ${EXTRA}"}},
                     {"environment", {"EXTRA=--userland-proxy=false"}},
                     {"environment_files", {{{"path", "/etc/default/docker"}, {"optional", true}}}}};
  const collect::HostRoot root(tree.root());
  CHECK(*collect::unit_command_line(root, service) ==
        std::vector<std::string>{"/usr/bin/dockerd", "-H", "fd://", "--icc=false", "--insecure-registry", "10.0.0.0/8",
                                 "--userland-proxy=false"});
  const auto fact = collect::daemon_config_fact(root, json{{"docker.service", service}});
  REQUIRE(fact.has_value());
  CHECK((*fact)["options"]["icc"] == json{{"value", false}, {"source", "unit"}});
  CHECK((*fact)["options"]["insecure-registries"]["value"] == json::array({"10.0.0.0/8"}));
  CHECK((*fact)["options"]["live-restore"]["source"] == "file");
  CHECK((*fact)["process"]["from_unit"] == true);
}

TEST_CASE("without a visible dockerd, an environment file that cannot be read leaves the flags unknown") {
  TempTree tree;
  tree.mkdir("/etc/default");
  REQUIRE(::mkfifo((tree.root() / "etc/default/docker").c_str(), 0644) == 0);
  const json service{{"found", true},
                     {"exec_start", {"/usr/bin/dockerd $DOCKER_OPTS"}},
                     {"environment_files", {{{"path", "/etc/default/docker"}, {"optional", true}}, {{"path", "/etc/sysconfig/docker"}, {"optional", true}}}}};
  const collect::HostRoot root(tree.root());
  const auto argv = collect::unit_command_line(root, service);
  REQUIRE_FALSE(argv.has_value());
  CHECK(argv.error().reason == "cannot read /etc/default/docker: is a FIFO, not a regular file");
  const auto fact = collect::daemon_config_fact(root, json{{"docker.service", service}});
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().kind == model::ErrorKind::refused);
  CHECK(fact.error().reason.ends_with(
      ", and how systemd would start it could not be read: cannot read /etc/default/docker: is a FIFO, not a regular file"));
  // A missing environment file is skipped, as systemd skips an optional one.
  std::filesystem::remove(tree.root() / "etc/default/docker");
  CHECK(*collect::unit_command_line(root, service) == std::vector<std::string>{"/usr/bin/dockerd"});
}

TEST_CASE("a rootless daemon's XDG_CONFIG_HOME wins over its home directory") {
  TempTree tree;
  add_dockerd(tree, 91, 1000, {"dockerd"});
  tree.write("/proc/91/environ", nul_joined({"HOME=/home/alice", "XDG_CONFIG_HOME=/srv/alice-config", "TOKEN=secret"}));
  tree.write("/etc/passwd", "alice:x:1000:1000::/home/alice:/bin/sh\n");
  tree.write("/srv/alice-config/docker/daemon.json", R"({"userland-proxy": false})");
  const auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE(fact.has_value());
  CHECK((*fact)["config_file"]["path"] == "/srv/alice-config/docker/daemon.json");
  CHECK((*fact)["options"]["userland-proxy"] == json{{"value", false}, {"source", "file"}});
  CHECK((*fact)["process"]["environment"] == json{{"HOME", "/home/alice"}, {"XDG_CONFIG_HOME", "/srv/alice-config"}});
}

TEST_CASE("file_newer_than_daemon compares daemon.json's mtime with dockerd's start") {
  struct Case {
    json mtime;
    json start_time;
    bool newer;
  };
  const Case cases[] = {
      {2000, 1000, true},
      {1000, 2000, false},
      {1000, 1000, false},
      {nullptr, 1000, false},  // no file
      {2000, nullptr, false},  // start time unknown
  };
  for (const auto& [mtime, start_time, newer] : cases) {
    CAPTURE(mtime.dump());
    CAPTURE(start_time.dump());
    const json process{{"pid", 1}, {"uid", 0}, {"cmdline", {"dockerd"}}, {"start_time", start_time}};
    json file{{"path", "/etc/docker/daemon.json"}};
    if (!mtime.is_null()) file["mtime"] = mtime;
    CHECK(collect::merge_daemon_config(process, file, json::object())["file_newer_than_daemon"] == newer);
  }
  CHECK(collect::merge_daemon_config(nullptr, json{{"mtime", 5}}, json::object())["file_newer_than_daemon"] == false);
}

TEST_CASE("a daemon.json that is valid JSON but not an object is not a configuration") {
  TempTree tree;
  tree.write("/etc/docker/daemon.json", R"(["icc", false])");
  const auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().reason == "/etc/docker/daemon.json is not a JSON object");
}

TEST_CASE("a daemon.json that exists but cannot be read makes the configuration unknown") {
  TempTree tree;
  tree.mkdir("/etc/docker/daemon.json");  // EISDIR: there, but not readable as a file
  auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().reason.starts_with("cannot read /etc/docker/daemon.json: "));

  if (getuid() != 0) {  // root reads whatever the mode says
    TempTree locked;
    locked.write("/etc/docker/daemon.json", "{}", 0000);
    fact = collect::daemon_config_fact(collect::HostRoot(locked.root()), model::json::object());
    REQUIRE_FALSE(fact.has_value());
    CHECK(fact.error().reason.ends_with("(run as root)"));
  }
}

TEST_CASE("a dockerd whose command line cannot be read has unknown flags, not none") {
  TempTree tree;
  add_dockerd(tree, 812, 0, {"dockerd", "--cgroup-parent=/evil"});
  std::filesystem::remove(tree.root() / "proc/812/cmdline");
  tree.mkdir("/proc/812/cmdline");  // refused as a file, as a permission or I/O error would be
  auto fact = collect::daemon_config_fact(collect::HostRoot(tree.root()), model::json::object());
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().reason.starts_with("dockerd (pid 812) runs, but its command line could not be read (cannot read /proc/812/cmdline: "));
  CHECK(fact.error().reason.ends_with("so the options its flags set are unknown"));

  // An exiting dockerd (or a zombie) has an empty command line.
  TempTree exiting;
  add_dockerd(exiting, 813, 0, {});
  fact = collect::daemon_config_fact(collect::HostRoot(exiting.root()), model::json::object());
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().reason.find("/proc/813/cmdline is empty: the process is exiting") != std::string::npos);
  CHECK(fact.error().kind == model::ErrorKind::other);  // no container went away: no hint says so
}
