// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "collect/host/audit_rules.hpp"
#include "util/strings.hpp"
#include "temp_tree.hpp"

using namespace dockcis::collect;

TEST_CASE("audit rules: watches and path rules, never rules excluded") {
  const auto rules = parse_audit_rules(
      "# docker\n"
      "-w /usr/bin/dockerd -p wa -k docker\n"
      "-a always,exit -F path=/usr/bin/runc -F perm=war -k docker\n"
      "-a exit,always -F dir=/var/lib/docker -k docker\n"
      "-a never,exit -F path=/usr/bin/containerd -k docker\n"
      "-D\n-b 8192\n",
      "docker.rules");
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].path == "/usr/bin/dockerd");
  CHECK(rules[0].line == 2);
  CHECK(rules[1].path == "/usr/bin/runc");
  CHECK(rules[2].path == "/var/lib/docker");
}

TEST_CASE("audit paths match exactly") {
  CHECK(same_audit_path("/usr/bin/containerd", "/usr/bin/containerd"));
  CHECK_FALSE(same_audit_path("/usr/bin/containerd-shim", "/usr/bin/containerd"));
  CHECK_FALSE(same_audit_path("/usr/bin/containerd-shim-runc-v2", "/usr/bin/containerd-shim"));
  CHECK_FALSE(same_audit_path("/usr/bin/containerd", "/usr/bin/containerd-shim"));
  CHECK(same_audit_path("/etc/docker/", "/etc/docker"));
  CHECK(same_audit_path("/var/run/docker.sock", "/run/docker.sock"));
  CHECK_FALSE(same_audit_path("/etc/docker/daemon.json", "/etc/docker"));
}

TEST_CASE("persistent rules from rules.d and audit.rules; unreadable is an error") {
  TempTree tree;
  tree.write("/etc/audit/rules.d/10-docker.rules", "-w /usr/bin/containerd-shim-runc-v2 -k docker\n");
  tree.write("/etc/audit/rules.d/README", "-w /usr/bin/containerd -k docker\n");  // not a .rules file
  tree.write("/etc/audit/audit.rules", "-w /etc/docker -k docker\n");
  const HostRoot root(tree.root());
  std::vector<std::string> files;
  const auto rules = read_audit_rules(root, files);
  REQUIRE(rules.has_value());
  CHECK(files == std::vector<std::string>{"/etc/audit/rules.d/10-docker.rules", "/etc/audit/audit.rules"});
  CHECK(audit_document(*rules, files, "/usr/bin/containerd")["watched"] == false);
  CHECK(audit_document(*rules, files, "/usr/bin/containerd-shim-runc-v2")["watched"] == true);
  CHECK(audit_document(*rules, files, "/etc/docker")["rules"][0]["file"] == "/etc/audit/audit.rules");

  TempTree none;
  std::vector<std::string> no_files;
  const auto empty = read_audit_rules(HostRoot(none.root()), no_files);
  REQUIRE(empty.has_value());
  CHECK(empty->empty());
}

TEST_CASE("audit rules: a table of lines and the path each one watches") {
  struct Case {
    const char* line;
    const char* path;  ///< "" when the line watches nothing
  };
  const Case cases[] = {
      {"-w /usr/bin/dockerd -p wa -k docker", "/usr/bin/dockerd"},
      {"  -w /etc/docker/ -k docker  ", "/etc/docker/"},
      {"-a always,exit -F path=/usr/bin/containerd -F perm=war -k docker", "/usr/bin/containerd"},
      {"-a exit,always -F dir=/var/lib/docker -F perm=war -k docker", "/var/lib/docker"},
      {"-a always,exit -F arch=b64 -S open -F path=/run/containerd -k docker", "/run/containerd"},
      {"-a never,exit -F path=/usr/bin/runc", ""},
      {"-a exit,never -F dir=/var/lib/docker", ""},
      {"-A never,exit -F path=/usr/bin/runc", ""},
      {"-a always,exit -F path!=/usr/bin/runc", ""},
      {"# -w /usr/bin/dockerd -k docker", ""},
      {"-D", ""},
      {"-b 8192", ""},
      {"-e 2", ""},
      {"", ""},
  };
  for (const auto& [line, path] : cases) {
    CAPTURE(line);
    const auto rules = parse_audit_rules(line, "x.rules");
    if (std::string(path).empty()) {
      CHECK(rules.empty());
    } else {
      REQUIRE(rules.size() == 1);
      CHECK(rules[0].path == path);
      CHECK(rules[0].text == dockcis::util::trim(line));
    }
  }
}

TEST_CASE("audit paths: a table of exact matches") {
  struct Case {
    const char* rule;
    const char* wanted;
    bool same;
  };
  const Case cases[] = {
      {"/usr/bin/containerd", "/usr/bin/containerd", true},
      {"/usr/bin/containerd-shim", "/usr/bin/containerd", false},
      {"/usr/bin/containerd", "/usr/bin/containerd-shim", false},
      {"/usr/bin/containerd-shim-runc-v2", "/usr/bin/containerd-shim-runc-v1", false},
      {"/run/containerd/", "/run/containerd", true},
      {"/run/containerd//", "/run/containerd", true},
      {"/var/run/docker.sock", "/run/docker.sock", true},
      {"/run/docker.sock", "/var/run/docker.sock", true},
      {"/var/run", "/run", true},
      {"/var/runner/docker.sock", "/runner/docker.sock", false},
      {"/var/lib/docker", "/var/lib/docker/volumes", false},
      {"/", "/", true},
  };
  for (const auto& [rule, wanted, same] : cases) {
    CAPTURE(rule);
    CAPTURE(wanted);
    CHECK(same_audit_path(rule, wanted) == same);
  }
}

TEST_CASE("rules that cannot be read are an error, not an absence of rules") {
  TempTree tree;
  tree.link("/etc/audit/rules.d", "/etc/audit/rules.d");  // a link to itself: ELOOP
  std::vector<std::string> files;
  const auto rules = read_audit_rules(HostRoot(tree.root()), files);
  REQUIRE_FALSE(rules.has_value());
  CHECK(rules.error().reason.starts_with("cannot list /etc/audit/rules.d"));

  TempTree unreadable;
  unreadable.mkdir("/etc/audit/audit.rules");
  files.clear();
  const auto from_dir = read_audit_rules(HostRoot(unreadable.root()), files);
  REQUIRE_FALSE(from_dir.has_value());
  CHECK(from_dir.error().reason.starts_with("cannot read /etc/audit/audit.rules"));
}
