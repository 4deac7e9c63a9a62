// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "collect/host/daemon_config.hpp"
#include "collect/host/files.hpp"
#include "collect/host/processes.hpp"
#include "collect/host/systemd_units.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

TEST_CASE("unit resolution: /etc beats /lib, drop-ins reset ExecStart, absent and masked units") {
  TempTree tree;
  tree.write("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd://\nEnvironmentFile=-/etc/default/docker\n");
  tree.write("/etc/systemd/system/docker.service.d/override.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n");
  tree.write("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\nSocketMode=0660\nSocketGroup=docker\n");
  const collect::HostRoot root(tree.root());
  auto service = *collect::resolve_unit(root, "docker.service");
  CHECK(service["found"] == true);
  CHECK(service["fragment_path"] == "/lib/systemd/system/docker.service");
  CHECK(service["dropin_paths"] == json::array({"/etc/systemd/system/docker.service.d/override.conf"}));
  CHECK(service["exec_start"] == json::array({"/usr/bin/dockerd --icc=false"}));
  CHECK(service["environment_files"][0] == json{{"path", "/etc/default/docker"}, {"optional", true}});
  const auto socket = *collect::resolve_unit(root, "docker.socket");
  CHECK(socket["listen_stream"] == json::array({"/run/docker.sock"}));
  CHECK(socket["socket_mode"] == "0660");

  tree.write("/etc/systemd/system/docker.service", "[Service]\nExecStart=/usr/local/bin/dockerd\n");
  service = *collect::resolve_unit(root, "docker.service");
  CHECK(service["fragment_path"] == "/etc/systemd/system/docker.service");

  CHECK((*collect::resolve_unit(root, "absent.service"))["found"] == false);
  tree.link("/dev/null", "/etc/systemd/system/masked.service");
  CHECK((*collect::resolve_unit(root, "masked.service"))["masked"] == true);
}

TEST_CASE("a unit file, drop-in or drop-in directory that is there but cannot be read makes the units an error") {
  TempTree tree;
  tree.write("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n");
  tree.write("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\n");
  const collect::HostRoot root(tree.root());
  REQUIRE(collect::collect_units(root).has_value());

  SUBCASE("a drop-in that is a FIFO: skipping it could miss the ExecStart it sets") {
    tree.mkdir("/etc/systemd/system/docker.service.d");
    REQUIRE(::mkfifo((tree.root() / "etc/systemd/system/docker.service.d/override.conf").c_str(), 0644) == 0);
    const auto units = collect::collect_units(root);
    REQUIRE_FALSE(units.has_value());
    CHECK(units.error().kind == model::ErrorKind::refused);
    CHECK(units.error().reason ==
          "cannot read /etc/systemd/system/docker.service.d/override.conf: is a FIFO, not a regular file");
    // With no dockerd running, the flags would come from the unit: they are unknown, not absent.
    const auto config = collect::daemon_config_fact(root, units);
    REQUIRE_FALSE(config.has_value());
    CHECK(config.error().reason.find(", and how systemd would start it could not be read: cannot read /etc/systemd/system/docker.service.d/") !=
          std::string::npos);
  }
  SUBCASE("a unit file in an earlier directory that is a FIFO is not passed over for the later one") {
    tree.mkdir("/etc/systemd/system");
    REQUIRE(::mkfifo((tree.root() / "etc/systemd/system/docker.socket").c_str(), 0644) == 0);
    const auto units = collect::collect_units(root);
    REQUIRE_FALSE(units.has_value());
    CHECK(units.error().reason == "cannot read /etc/systemd/system/docker.socket: is a FIFO, not a regular file");
  }
  SUBCASE("a drop-in directory an ordinary user's link leads to a directory of root's") {
    if (::geteuid() != 0) return;  // ownership needs root to set up
    tree.write("/root/units/override.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n");
    tree.link("/root/units", "/etc/systemd/system/docker.service.d");
    REQUIRE(::lchown((tree.root() / "etc/systemd/system/docker.service.d").c_str(), 1000, 1000) == 0);
    const auto units = collect::collect_units(root);
    REQUIRE_FALSE(units.has_value());
    CHECK(units.error().reason.starts_with("cannot list /etc/systemd/system/docker.service.d: "));
  }
  SUBCASE("missing drop-ins and a dangling link are skipped, as systemd skips them") {
    tree.link("/nowhere.conf", "/etc/systemd/system/docker.service.d/gone.conf");
    const auto units = collect::collect_units(root);
    REQUIRE(units.has_value());
    CHECK((*units)["docker.service"]["dropin_paths"] == json::array());
    CHECK((*units)["docker.service"]["exec_start"] == json::array({"/usr/bin/dockerd -H fd://"}));
  }
}

TEST_CASE("file facts: mode, type, numeric owner and names; missing is a value") {
  TempTree tree;
  tree.write("/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
  tree.write("/etc/group", "root:x:0:\ndocker:x:998:alice,bob\n");
  tree.write("/lib/systemd/system/docker.service", "", 0611);
  tree.mkdir("/etc/docker", 0755);
  const collect::HostRoot root(tree.root());
  const auto names = collect::read_name_maps(root);
  const auto unit = collect::file_fact(root, names, "/lib/systemd/system/docker.service");
  REQUIRE(unit.has_value());
  CHECK((*unit)["mode"] == 0611);
  CHECK((*unit)["mode_octal"] == "611");
  CHECK((*unit)["type"] == "file");
  CHECK((*unit)["uid"] == static_cast<long>(getuid()));
  const auto dir = collect::file_fact(root, names, "/etc/docker");
  CHECK((*dir)["type"] == "directory");
  CHECK((*dir)["mode"] == 0755);
  const auto missing = collect::file_fact(root, names, "/etc/default/docker");
  REQUIRE(missing.has_value());
  CHECK((*missing)["exists"] == false);

  const auto group = collect::group_fact(root, "docker");
  CHECK((*group)["gid"] == 998);
  CHECK((*group)["members"] == json::array({"alice", "bob"}));
  CHECK((*collect::group_fact(root, "wheel"))["exists"] == false);
}

TEST_CASE("docker group members: every line of its name or gid, and primary groups") {
  TempTree tree;
  tree.write("/etc/group",
             "root:x:0:\n"
             "docker:x:998:alice\n"
             "staff:x:50:bob\n"
             "docker:x:998:mallory, alice\n"
             "dockerroot:x:998:trent\n"
             "docker:x:999:oscar\n"
             "docker:x\n");
  tree.write("/etc/passwd",
             "root:x:0:0::/root:/bin/sh\n"
             "alice:x:1000:1000::/home/alice:/bin/sh\n"
             "eve:x:1001:998::/home/eve:/bin/sh\n"
             "bob:x:1002:50::/home/bob:/bin/sh\n");
  const auto group = collect::group_fact(collect::HostRoot(tree.root()), "docker");
  REQUIRE(group.has_value());
  CHECK((*group)["gid"] == 998);
  // A line of the name with another gid still lists members for that gid.
  CHECK((*group)["members"] == json::array({"alice", "mallory", "trent", "oscar", "eve"}));
  const auto sources = (*group)["member_sources"];
  REQUIRE(sources.size() == 6);
  CHECK(sources[1] == json{{"member", "mallory"}, {"file", "/etc/group"}, {"line", 4}});
  CHECK(sources[3] == json{{"member", "trent"}, {"file", "/etc/group"}, {"line", 5}});
  CHECK(sources[5] == json{{"member", "eve"}, {"file", "/etc/passwd"}, {"line", 3}});
}

TEST_CASE("docker group members: a missing or unreadable /etc/passwd is an error, not an empty group") {
  TempTree absent;
  absent.write("/etc/group", "docker:x:998:\n");
  const auto without = collect::group_fact(collect::HostRoot(absent.root()), "docker");
  REQUIRE_FALSE(without.has_value());
  CHECK(without.error().reason.starts_with("cannot read /etc/passwd"));

  TempTree unreadable;
  unreadable.write("/etc/group", "docker:x:998:alice\n");
  unreadable.mkdir("/etc/passwd");
  const auto from_dir = collect::group_fact(collect::HostRoot(unreadable.root()), "docker");
  REQUIRE_FALSE(from_dir.has_value());
  CHECK(from_dir.error().reason.starts_with("cannot read /etc/passwd"));

  // No docker group: nothing to ask /etc/passwd about.
  TempTree no_group;
  no_group.write("/etc/group", "root:x:0:\n");
  const auto none = collect::group_fact(collect::HostRoot(no_group.root()), "docker");
  REQUIRE(none.has_value());
  CHECK((*none)["exists"] == false);
}

TEST_CASE("a separate partition is a mount point; a parent mount is not") {
  const std::string mountinfo =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
      "30 22 8:17 / /var/lib/docker rw,relatime shared:9 - xfs /dev/sdb1 rw\n"
      "31 22 8:33 / /srv/with\\040space rw - ext4 /dev/sdc1 rw\n";
  const auto docker = collect::mount_document(mountinfo, "/var/lib/docker");
  CHECK(docker["is_mount_point"] == true);
  CHECK(docker["fstype"] == "xfs");
  CHECK(docker["source"] == "/dev/sdb1");
  const auto below = collect::mount_document(mountinfo, "/var/lib/docker/volumes");
  CHECK(below["is_mount_point"] == false);
  CHECK(below["mount_point"] == "/var/lib/docker");
  CHECK(collect::mount_document(mountinfo, "/var/lib/dockerx")["mount_point"] == "/");
  CHECK(collect::mount_document(mountinfo, "/srv/with space")["is_mount_point"] == true);
}

TEST_CASE("container processes by cgroup, including --pid=host containers") {
  const std::string a(64, 'a'), b(64, 'b');
  TempTree tree;
  tree.write("/proc/100/cgroup", "0::/system.slice/docker-" + a + ".scope\n");
  tree.write("/proc/100/comm", "sshd\n");
  tree.write("/proc/100/status", "Name:\tsshd\nPPid:\t90\nUid:\t0\t0\t0\t0\n");
  tree.write("/proc/100/cmdline", std::string("/usr/sbin/sshd\0-D\0", 18));
  tree.write("/proc/200/cgroup", "12:pids:/docker/" + b + "\n0::/docker/" + b + "\n");
  tree.write("/proc/200/comm", "sleep\n");
  tree.write("/proc/300/cgroup", "0::/user.slice\n");
  tree.write("/proc/300/comm", "bash\n");
  const collect::HostRoot root(tree.root());
  const auto pids = collect::read_process_cgroups(root).by_container;
  CHECK(pids.at(a) == std::vector<long>{100});
  CHECK(pids.at(b) == std::vector<long>{200});
  CHECK(pids.size() == 2);
  const auto processes = collect::describe_processes(root, pids.at(a));
  CHECK(processes[0]["comm"] == "sshd");
  CHECK(processes[0]["uid"] == 0);
  CHECK(processes[0]["ppid"] == 90);
  CHECK(processes[0]["args"] == json::array({"/usr/sbin/sshd", "-D"}));
  CHECK(collect::container_id_in("0::/user.slice/user-0.slice").empty());
  CHECK(collect::container_id_in("/var/lib/docker/containers/" + a + "/hostname") == a);
}
