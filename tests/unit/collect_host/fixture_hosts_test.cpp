// SPDX-License-Identifier: Apache-2.0
// The host collector end to end on the fixture trees of tests/fixtures/hosts.
#include <doctest/doctest.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string>

#include "collect/host/daemon_config.hpp"
#include "collect/collect_facts.hpp"
#include "collect/host/processes.hpp"
#include "collect/host/systemd_units.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

namespace {

const std::string kWeb = "4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2";
const std::string kSsh = "7f5a55cf3f88be936fb9440249cb449f3067ccee4b525d0027dc9278a29c32c1";
const std::string kScanner = "6105d8625ada3c9bf514062b5696e9d7aa11e4b5e2c3d8629713f0bf2e45f6fd";
const std::string kExited(64, 'e');

const json& value(const model::FactStore& store, const std::string& key) {
  const auto* fact = store.find(key);
  REQUIRE_MESSAGE(fact != nullptr, key);
  REQUIRE_MESSAGE(fact->has_value(), key, ": ", fact->error().reason);
  return **fact;
}

// The fixture files are owned by whoever runs the test; the fixtures' passwd names these uids.
json fixture_user_name() {
  const std::map<uid_t, std::string> names{{0, "root"}, {1000, "alice"}, {1001, "mallory"}};
  const auto found = names.find(getuid());
  return found == names.end() ? json(nullptr) : json(found->second);
}

std::vector<long> pids_of(const json& processes) {
  std::vector<long> pids;
  for (const auto& process : processes) pids.push_back(process["pid"].get<long>());
  return pids;
}

}  // namespace

TEST_CASE("running host: dockerd's flags and daemon.json merge, with conflicts and its start time") {
  TempTree tree;
  tree.copy_fixture("running");
  model::FactStore store;
  store.set("engine.info", json{{"DockerRootDir", "/srv/docker"}, {"SecurityOptions", {"name=apparmor", "name=cgroupns"}}});
  store.meta["docker_socket"] = "/var/run/docker.sock";
  collect::collect_host_facts(collect::HostRoot(tree.root()), {"daemon.config", "daemon.units"}, store);

  const auto& config = value(store, "daemon.config");
  CHECK(config["process"]["pid"] == 812);
  CHECK(config["process"]["uid"] == 0);
  CHECK(config["process"]["exe"] == "/usr/bin/dockerd");
  CHECK(config["process"]["cmdline"][0] == "/usr/bin/dockerd");
  const long ticks = sysconf(_SC_CLK_TCK);
  CHECK(config["process"]["start_time"] == 1700000000 + 250000 / ticks);
  CHECK(config["pids"] == json::array({812}));
  // Only what locates a rootless daemon.json is kept of the environment.
  CHECK(config["process"]["environment"] == json{{"HOME", "/root"}});
  CHECK(config.dump().find("secret") == std::string::npos);

  CHECK(config["config_file"]["path"] == "/etc/docker/daemon.json");
  CHECK(config["config_file"]["source"] == "default");
  CHECK(config["config_file"]["exists"] == true);
  CHECK(config["file_newer_than_daemon"] == true);  // copied now, long after 2023

  struct Case {
    const char* option;
    json expected;
  };
  const Case cases[] = {
      {"icc", {{"value", false}, {"source", "flag"}}},
      {"live-restore", {{"value", true}, {"source", "flag"}}},
      {"hosts", {{"value", {"fd://"}}, {"source", "flag"}}},
      {"default-ulimits", {{"value", {{"nofile", {{"Name", "nofile"}, {"Soft", 1024}, {"Hard", 2048}}}}}, {"source", "flag"}}},
      {"log-driver", {{"value", "journald"}, {"source", "file"}}},
      {"data-root", {{"value", "/srv/docker"}, {"source", "file"}}},
      {"insecure-registries", {{"value", {"registry.lan:5000"}}, {"source", "file"}}},
      {"userland-proxy", {{"value", true}, {"source", "default"}}},
      {"log-level", {{"value", "info"}, {"source", "default"}}},
  };
  for (const auto& [option, expected] : cases) {
    CAPTURE(option);
    CHECK(config["options"][option] == expected);
  }
  CHECK_FALSE(config["options"].contains("tlscacert"));  // no invented values
  CHECK(config["conflicts"] == json::array({"icc"}));
  CHECK(config["flags"]["--icc"] == json::array({"false"}));
}

TEST_CASE("running host: units with drop-ins from several directories") {
  TempTree tree;
  tree.copy_fixture("running");
  const auto units = collect::collect_units(collect::HostRoot(tree.root()));
  REQUIRE(units.has_value());
  const auto& service = (*units)["docker.service"];
  CHECK(service["found"] == true);
  CHECK(service["masked"] == false);
  CHECK(service["fragment_path"] == "/lib/systemd/system/docker.service");
  // 10-flags.conf in /etc hides the one in /run; 50-env.conf comes from /usr/lib.
  CHECK(service["dropin_paths"] == json::array({"/etc/systemd/system/docker.service.d/10-flags.conf",
                                                "/usr/lib/systemd/system/docker.service.d/50-env.conf"}));
  CHECK(service["exec_start"] == json::array({"/usr/bin/dockerd -H fd:// --icc=false --live-restore $DOCKER_OPTS"}));
  CHECK(service["environment_files"] == json::array({{{"path", "/etc/default/docker"}, {"optional", true}}}));
  CHECK(service["environment"].size() == 1);
  const auto& socket = (*units)["docker.socket"];
  CHECK(socket["listen_stream"] == json::array({"/run/docker.sock"}));
  CHECK(socket["socket_user"] == "root");
  CHECK(socket["socket_group"] == "docker");
  CHECK(socket["socket_mode"] == "0660");
}

TEST_CASE("running host: processes by container cgroup, the scanner's own container, kernel and identity") {
  TempTree tree;
  tree.copy_fixture("running");
  model::FactStore store;
  store.set("engine.containers", json::array({{{"Id", kWeb}, {"State", "running"}},
                                              {{"Id", kSsh}, {"State", "running"}},
                                              {{"Id", kExited}, {"State", "exited"}}}));
  store.set(model::instance_key("container", kSsh, "inspect"), json{{"State", {{"Running", true}, {"Pid", 1600}}}});
  const collect::HostRoot root(tree.root());
  collect::collect_host_facts(root, {"container.processes", "scanner.self", "host.kernel", "host.identity"}, store);

  const auto& web = value(store, "container/" + kWeb + "/processes");
  // The shim (pid 1490) is the container's parent, in containerd's cgroup, not the container's.
  CHECK(pids_of(web) == std::vector<long>{1500, 1501});
  CHECK(web[1]["uid"] == 101);
  CHECK(web[1]["ppid"] == 1500);
  const auto& ssh = value(store, "container/" + kSsh + "/processes");
  CHECK(pids_of(ssh) == std::vector<long>{1600, 1601});
  CHECK(ssh[0]["comm"] == "sshd");
  CHECK(ssh[0]["args"] == json::array({"/usr/sbin/sshd", "-D"}));
  // The host's own sshd (pid 700) belongs to no container.
  CHECK(value(store, "container/" + kExited + "/processes") == json::array());

  CHECK(value(store, "scanner.self") == json{{"container_id", kScanner}});
  CHECK(collect::detect_self_container_id(root) == kScanner);

  const auto& kernel = value(store, "host.kernel");
  CHECK(kernel["release"] == "6.1.0-18-amd64");
  CHECK(kernel["apparmor_enabled"] == true);
  CHECK(kernel["selinux_enabled"] == false);
  CHECK(kernel["cgroup_version"] == 2);
  const auto& identity = value(store, "host.identity");
  CHECK(identity["hostname"] == "dockhost-01");
  CHECK(identity["os"] == "Debian GNU/Linux 12 (bookworm)");
  CHECK(identity["machine_id"] == "5f1c3a0d9e8b4c7a9d2e6f10b3a4c5d6");
  CHECK(identity["kernel"] == "6.1.0-18-amd64");
}

TEST_CASE("running host: targets, a symlinked data root, its partition and audit rules") {
  TempTree tree;
  tree.copy_fixture("running");
  tree.chmod_path("/srv/docker", 0710);
  model::FactStore store;
  store.set("engine.info", json{{"DockerRootDir", "/srv/docker"}});
  store.meta["docker_socket"] = "/var/run/docker.sock";
  const std::set<std::string> wanted{"host.file:${docker_root}",    "host.mount:${docker_root}",
                                     "host.mount:/var/lib/docker",  "host.mount:/srv",
                                     "host.audit:${bin:containerd}", "host.audit:/usr/bin/containerd-shim",
                                     "host.audit:${docker_root}",    "host.group:docker",
                                     "host.file:${bin:dockerd}",     "host.file:${docker_socket}",
                                     "host.file:${unit:docker.service}", "host.file:/var/lib/docker"};
  collect::collect_host_facts(collect::HostRoot(tree.root()), wanted, store);

  const auto& root_dir = value(store, "host.file:${docker_root}");
  CHECK(root_dir["path"] == "/srv/docker");
  CHECK(root_dir["target"] == "${docker_root}");
  CHECK(root_dir["type"] == "directory");
  CHECK(root_dir["mode"] == 0710);
  CHECK(value(store, "host.file:/var/lib/docker")["type"] == "symlink");  // lstat semantics

  const auto& partition = value(store, "host.mount:${docker_root}");
  CHECK(partition["mount_point"] == "/srv");
  CHECK(partition["fstype"] == "xfs");
  CHECK(partition["is_mount_point"] == false);
  const auto& through_link = value(store, "host.mount:/var/lib/docker");
  CHECK(through_link["real_path"] == "/srv/docker");
  CHECK(through_link["mount_point"] == "/srv");
  CHECK(value(store, "host.mount:/srv")["is_mount_point"] == true);

  const auto& containerd = value(store, "host.audit:${bin:containerd}");
  CHECK(containerd["path"] == "/usr/bin/containerd");
  CHECK(containerd["watched"] == false);  // only containerd-shim is watched
  const auto& shim = value(store, "host.audit:/usr/bin/containerd-shim");
  CHECK(shim["watched"] == true);
  CHECK(shim["rules"].size() == 2);  // rules.d and the generated audit.rules
  CHECK(shim["rule_files"] == json::array({"/etc/audit/rules.d/10-docker.rules", "/etc/audit/rules.d/99-finalize.rules",
                                           "/etc/audit/audit.rules"}));
  CHECK(value(store, "host.audit:${docker_root}")["watched"] == true);  // -F dir=/srv/docker

  CHECK(value(store, "host.group:docker") == json{{"name", "docker"},
                                                  {"exists", true},
                                                  {"gid", 998},
                                                  {"members", {"alice"}},
                                                  {"member_sources", {{{"member", "alice"}, {"file", "/etc/group"}, {"line", 3}}}}});
  CHECK(value(store, "host.file:${bin:dockerd}")["path"] == "/usr/bin/dockerd");
  CHECK(value(store, "host.file:${docker_socket}")["path"] == "/run/docker.sock");
  CHECK(value(store, "host.file:${unit:docker.service}")["path"] == "/lib/systemd/system/docker.service");
}

TEST_CASE("rootless host: the daemon the API answered from picks the daemon.json") {
  TempTree tree;
  tree.copy_fixture("rootless");
  const collect::HostRoot root(tree.root());
  const auto units = collect::collect_units(root);

  // By default the rootful daemon, started by hand with --config-file.
  const auto rootful = collect::daemon_config_fact(root, units);
  REQUIRE(rootful.has_value());
  CHECK((*rootful)["process"]["pid"] == 900);
  CHECK((*rootful)["pids"] == json::array({900, 2345}));
  CHECK((*rootful)["config_file"] == json{{"path", "/opt/docker/daemon.json"}, {"source", "flag"}, {"exists", true},
                                          {"mtime", (*rootful)["config_file"]["mtime"]}});
  CHECK((*rootful)["options"]["live-restore"] == json{{"value", true}, {"source", "file"}});
  CHECK((*rootful)["options"]["selinux-enabled"] == json{{"value", true}, {"source", "flag"}});

  // A rootless API: alice's daemon and ~alice/.config/docker/daemon.json.
  const auto rootless = collect::daemon_config_fact(root, units, {.rootless = true, .uid = 1000});
  REQUIRE(rootless.has_value());
  CHECK((*rootless)["process"]["pid"] == 2345);
  CHECK((*rootless)["process"]["uid"] == 1000);
  CHECK((*rootless)["process"]["exe"].is_null());
  CHECK((*rootless)["config_file"]["path"] == "/home/alice/.config/docker/daemon.json");
  CHECK((*rootless)["config_file"]["source"] == "rootless default");
  CHECK((*rootless)["options"]["icc"] == json{{"value", false}, {"source", "file"}});
  CHECK((*rootless)["options"]["log-level"] == json{{"value", "warn"}, {"source", "file"}});
  CHECK(rootless->dump().find("do-not-record") == std::string::npos);

  // The same choice made from the engine facts.
  model::FactStore store;
  store.set("engine.info", json{{"SecurityOptions", {"name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"}}});
  store.meta["docker_socket"] = "/run/user/1000/docker.sock";
  collect::collect_host_facts(root, {"host.kernel", "host.audit:${docker_socket}", "host.file:${bin:dockerd}"}, store);
  CHECK(value(store, "daemon.config")["process"]["pid"] == 2345);
  const auto& units_fact = value(store, "daemon.units");
  CHECK(units_fact["docker.service"]["masked"] == true);
  CHECK(units_fact["docker.socket"]["masked"] == true);
  CHECK(units_fact["docker.socket"]["listen_stream"] == json::array());
  const auto& socket_audit = value(store, "host.audit:${docker_socket}");
  CHECK(socket_audit["path"] == "/run/user/1000/docker.sock");
  CHECK(socket_audit["watched"] == true);
  CHECK(value(store, "host.file:${bin:dockerd}")["path"] == "/usr/local/bin/dockerd");
  CHECK(value(store, "host.kernel")["selinux_enabled"] == true);  // SELINUX=enforcing, no sysfs in the tree
}

TEST_CASE("choose_dockerd: rootful first, unless the API is rootless") {
  const json processes = json::array({{{"pid", 10}, {"uid", 1000}}, {{"pid", 20}, {"uid", 0}}, {{"pid", 30}, {"uid", 1001}}});
  struct Case {
    collect::DaemonPreference preference;
    long pid;
  };
  const Case cases[] = {
      {{}, 20},
      {{.rootless = true, .uid = -1}, 10},
      {{.rootless = true, .uid = 1001}, 30},
      {{.rootless = true, .uid = 4242}, 10},
  };
  for (const auto& [preference, pid] : cases) {
    CAPTURE(pid);
    CHECK(collect::choose_dockerd(processes, preference)["pid"] == pid);
  }
  CHECK(collect::choose_dockerd(json::array(), {}).is_null());
  // Of two alike, the one whose command line was read (the other may be a zombie).
  const json alike = json::array({{{"pid", 5}, {"uid", 0}, {"cmdline_error", {{"reason", "empty"}}}}, {{"pid", 6}, {"uid", 0}}});
  CHECK(collect::choose_dockerd(alike, {})["pid"] == 6);
}

TEST_CASE("bare host: no Docker at all is a set of values, not errors") {
  TempTree tree;
  tree.copy_fixture("bare");
  model::FactStore store;
  const std::set<std::string> wanted{"host.file:${daemon_json}", "host.file:${bin:dockerd}", "host.file:${daemon:tlscacert}",
                                     "host.file:${unit:docker.service}", "host.group:docker", "host.audit:/etc/docker",
                                     "host.mount:${docker_root}", "host.tree:/etc/docker/certs.d", "container.processes",
                                     "host.identity"};
  collect::collect_host_facts(collect::HostRoot(tree.root()), wanted, store);

  const auto& config = value(store, "daemon.config");
  CHECK(config["process"].is_null());
  CHECK(config["pids"] == json::array());
  CHECK(config["process_note"].get<std::string>().find("no dockerd process") != std::string::npos);
  CHECK(config["config_file"]["exists"] == false);
  CHECK(config["options"]["icc"] == json{{"value", true}, {"source", "default"}});
  CHECK(config["conflicts"] == json::array());
  CHECK(value(store, "daemon.units")["docker.service"]["found"] == false);
  CHECK(value(store, "daemon.units")["docker.socket"]["fragment_path"].is_null());

  CHECK(value(store, "host.file:${daemon_json}") == json{{"path", "/etc/docker/daemon.json"}, {"exists", false},
                                                         {"target", "${daemon_json}"}});
  CHECK(value(store, "host.file:${bin:dockerd}")["path"] == "/usr/bin/dockerd");
  CHECK(value(store, "host.file:${bin:dockerd}")["exists"] == false);
  const auto& tls = value(store, "host.file:${daemon:tlscacert}");
  CHECK(tls["exists"] == false);
  CHECK(tls["unresolved"] == true);
  CHECK(value(store, "host.file:${unit:docker.service}")["unresolved"] == true);
  CHECK(value(store, "host.group:docker")["exists"] == false);
  const auto& audit = value(store, "host.audit:/etc/docker");
  CHECK(audit["watched"] == false);
  CHECK(audit["rule_files"] == json::array());
  const auto& mount = value(store, "host.mount:${docker_root}");
  CHECK(mount["path"] == "/var/lib/docker");
  CHECK(mount["exists"] == false);
  CHECK(mount["mount_point"] == "/");
  CHECK(value(store, "host.tree:/etc/docker/certs.d")["exists"] == false);
  CHECK(store.find("container/" + kWeb + "/processes") == nullptr);  // no containers listed, none described
  CHECK(value(store, "host.identity")["machine_id"] == "");
  CHECK(value(store, "host.identity")["hostname"] == "bare");
}

TEST_CASE("insecure and compliant hosts: modes as integers, owners by name, audit and mounts") {
  TempTree bad;
  bad.copy_fixture("insecure");
  bad.chmod_path("/lib/systemd/system/docker.service", 0611);
  bad.chmod_path("/etc/docker/daemon.json", 0606);
  bad.chmod_path("/etc/default/docker", 0640);
  bad.chmod_path("/etc/docker", 0755);
  model::FactStore store;
  store.set("engine.info", json{{"DockerRootDir", "/var/lib/docker"}});
  const std::set<std::string> wanted{"host.file:${unit:docker.service}", "host.file:${daemon_json}",
                                     "host.file:/etc/default/docker",    "host.file:/etc/docker",
                                     "host.group:docker",                "host.audit:${bin:containerd}",
                                     "host.audit:${bin:dockerd}",        "host.mount:${docker_root}"};
  collect::collect_host_facts(collect::HostRoot(bad.root()), wanted, store);

  struct Case {
    const char* key;
    int mode;
    const char* octal;
    const char* type;
  };
  const Case cases[] = {
      {"host.file:${unit:docker.service}", 0611, "611", "file"},
      {"host.file:${daemon_json}", 0606, "606", "file"},
      {"host.file:/etc/default/docker", 0640, "640", "file"},
      {"host.file:/etc/docker", 0755, "755", "directory"},
  };
  for (const auto& [key, mode, octal, type] : cases) {
    CAPTURE(key);
    const auto& file = value(store, key);
    CHECK(file["mode"] == mode);
    CHECK(file["mode_octal"] == octal);
    CHECK(file["type"] == type);
    CHECK(file["uid"] == static_cast<long>(getuid()));
    CHECK(file["owner"] == fixture_user_name());
  }
  CHECK(value(store, "host.group:docker")["members"] == json::array({"alice", "mallory"}));
  CHECK(value(store, "host.audit:${bin:containerd}")["watched"] == false);  // containerd-shim-runc-v2 is another file
  CHECK(value(store, "host.audit:${bin:dockerd}")["watched"] == false);     // a never rule and a longer path
  CHECK(value(store, "host.mount:${docker_root}")["mount_point"] == "/");   // "/var/lib/docker old" is not it
  // No dockerd under proc: the flags come from docker.service, the rest from daemon.json.
  const auto& config = value(store, "daemon.config");
  CHECK(config["process"]["from_unit"] == true);
  CHECK(config["options"]["containerd"] == json{{"value", "/run/containerd/containerd.sock"}, {"source", "unit"}});
  CHECK(config["options"]["iptables"] == json{{"value", false}, {"source", "file"}});

  TempTree good;
  good.copy_fixture("compliant");
  model::FactStore compliant;
  compliant.set("engine.info", json{{"DockerRootDir", "/var/lib/docker"}});
  collect::collect_host_facts(collect::HostRoot(good.root()),
                              {"host.mount:${docker_root}", "host.audit:${docker_socket}", "host.audit:/etc/docker",
                               "host.audit:${docker_root}", "host.group:docker"},
                              compliant);
  CHECK(value(compliant, "host.mount:${docker_root}")["is_mount_point"] == true);
  CHECK(value(compliant, "host.audit:${docker_socket}")["watched"] == true);  // -w /var/run/docker.sock
  CHECK(value(compliant, "host.audit:/etc/docker")["watched"] == true);      // -w /etc/docker/
  CHECK(value(compliant, "host.audit:${docker_root}")["watched"] == true);   // -a exit,always -F path=
  CHECK(value(compliant, "host.group:docker")["members"] == json::array());
}

TEST_CASE("a running container whose cgroup does not name it: its main process's cgroup does") {
  TempTree tree;
  const std::string id(64, 'c');
  tree.write("/proc/500/cgroup", "0::/machine.slice/libcontainer-500.scope\n");
  tree.write("/proc/500/comm", "app\n");
  tree.write("/proc/501/cgroup", "0::/machine.slice/libcontainer-500.scope\n");
  tree.write("/proc/501/comm", "worker\n");
  tree.write("/proc/600/cgroup", "0::/user.slice\n");
  tree.write("/proc/600/comm", "bash\n");
  tree.write("/proc/700/cgroup", "0::/\n");
  tree.write("/proc/700/comm", "init\n");
  const collect::HostRoot root(tree.root());
  const auto cgroups = collect::read_process_cgroups(root);
  CHECK(collect::pids_sharing_cgroup(root, cgroups, 500) == std::vector<long>{500, 501});
  CHECK(collect::pids_sharing_cgroup(root, cgroups, 700) == std::vector<long>{700});  // the root cgroup is everybody's
  CHECK(collect::pids_sharing_cgroup(root, cgroups, 999).empty());

  model::FactStore store;
  store.set("engine.containers", json::array({{{"Id", id}, {"State", "running"}}}));
  store.set(model::instance_key("container", id, "inspect"), json{{"State", {{"Running", true}, {"Pid", 500}}}});
  collect::collect_host_facts(root, {"container.processes"}, store);
  CHECK(pids_of(value(store, "container/" + id + "/processes")) == std::vector<long>{500, 501});

  // Running by the list but nothing visible: we could not look, which is not "no processes".
  model::FactStore hidden;
  hidden.set("engine.containers", json::array({{{"Id", std::string(64, 'd')}, {"State", "running"}}}));
  collect::collect_host_facts(root, {"container.processes"}, hidden);
  const auto* fact = hidden.find("container/" + std::string(64, 'd') + "/processes");
  REQUIRE(fact != nullptr);
  CHECK_FALSE(fact->has_value());

  // Two containers the engine gives one main process: the second is not described again from it.
  model::FactStore shared;
  const std::string other(64, 'e');
  shared.set("engine.containers", json::array({{{"Id", id}, {"State", "running"}}, {{"Id", other}, {"State", "running"}}}));
  shared.set(model::instance_key("container", id, "inspect"), json{{"State", {{"Running", true}, {"Pid", 500}}}});
  shared.set(model::instance_key("container", other, "inspect"), json{{"State", {{"Running", true}, {"Pid", 500}}}});
  collect::collect_host_facts(root, {"container.processes"}, shared);
  CHECK(pids_of(value(shared, "container/" + id + "/processes")) == std::vector<long>{500, 501});
  const auto* again = shared.find("container/" + other + "/processes");
  REQUIRE(again != nullptr);
  REQUIRE_FALSE(again->has_value());
  CHECK(again->error().reason.find("which it gives another container too") != std::string::npos);
}
