// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "collect/host/audit_rules.hpp"
#include "util/strings.hpp"
#include "temp_tree.hpp"

using namespace dockcis::collect;

TEST_CASE("audit rules: watches, path rules and never rules of the exit list") {
  const auto rules = parse_audit_rules(
      "# docker\n"
      "-w /usr/bin/dockerd -p wa -k docker\n"
      "-a always,exit -F path=/usr/bin/runc -F perm=war -k docker\n"
      "-a exit,always -F dir=/var/lib/docker -k docker\n"
      "-a never,exit -F path=/usr/bin/containerd -k docker\n"
      "-D\n-b 8192\n",
      "docker.rules");
  REQUIRE(rules.size() == 4);
  CHECK(rules[0].path == "/usr/bin/dockerd");
  CHECK(rules[0].line == 2);
  CHECK(rules[0].watch);
  CHECK(rules[1].path == "/usr/bin/runc");
  CHECK_FALSE(rules[1].watch);
  CHECK(rules[2].path == "/var/lib/docker");
  CHECK(rules[2].dir);
  CHECK(rules[3].path == "/usr/bin/containerd");
  CHECK(rules[3].never);
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

TEST_CASE("audit rules: a table of lines, the path each one names and what it does") {
  using Change = AuditRule::Change;
  struct Case {
    const char* line;
    const char* path;  ///< "" when the line names no path on the exit list
    bool never;
    Change change;
  };
  const Case cases[] = {
      {"-w /usr/bin/dockerd -p wa -k docker", "/usr/bin/dockerd", false, Change::append},
      {"  -w /etc/docker/ -k docker  ", "/etc/docker/", false, Change::append},
      {"-W /usr/bin/dockerd -k docker", "/usr/bin/dockerd", false, Change::remove},
      {"-a always,exit -F path=/usr/bin/containerd -F perm=war -k docker", "/usr/bin/containerd", false, Change::append},
      {"-a exit,always -F dir=/var/lib/docker -F perm=war -k docker", "/var/lib/docker", false, Change::append},
      {"-a always,exit -F arch=b64 -S open -F path=/run/containerd -k docker", "/run/containerd", false, Change::append},
      {"-A always,exit -F path=/usr/bin/runc", "/usr/bin/runc", false, Change::prepend},
      {"-d always,exit -F path=/usr/bin/runc", "/usr/bin/runc", false, Change::remove},
      {"-a never,exit -F path=/usr/bin/runc", "/usr/bin/runc", true, Change::append},
      {"-a exit,never -F dir=/var/lib/docker", "/var/lib/docker", true, Change::append},
      {"-A never,exit -F path=/usr/bin/runc", "/usr/bin/runc", true, Change::prepend},
      {"-a never,task -F path=/usr/bin/runc", "", false, Change::append},
      {"-a always,exclude -F path=/usr/bin/runc", "", false, Change::append},
      {"-a sometimes,exit -F path=/usr/bin/runc", "", false, Change::append},
      {"-a always,exit -F path!=/usr/bin/runc", "", false, Change::append},
      {"-a never,exit -F auid=4294967295", "", false, Change::append},
      {"# -w /usr/bin/dockerd -k docker", "", false, Change::append},
      {"-D", "", false, Change::append},
      {"-b 8192", "", false, Change::append},
      {"-e 2", "", false, Change::append},
      {"", "", false, Change::append},
  };
  for (const auto& [line, path, never, change] : cases) {
    CAPTURE(line);
    const auto rules = parse_audit_rules(line, "x.rules");
    if (std::string(path).empty()) {
      CHECK(rules.empty());
    } else {
      REQUIRE(rules.size() == 1);
      CHECK(rules[0].path == path);
      CHECK(rules[0].never == never);
      CHECK(rules[0].change == change);
      CHECK(rules[0].text == dockcis::util::trim(line));
    }
  }
}

namespace {

bool watched(const char* text, const char* path) {
  const auto document = audit_document(parse_audit_rules(text, "docker.rules"), {"docker.rules"}, path);
  return document["watched"] == true;
}

}  // namespace

TEST_CASE("audit rules: a never rule ahead of a watch suppresses it, one behind it does not") {
  const auto document = audit_document(parse_audit_rules("-a never,exit -F path=/usr/bin/dockerd\n"
                                                         "-w /usr/bin/dockerd -k docker\n",
                                                         "docker.rules"),
                                       {"docker.rules"}, "/usr/bin/dockerd");
  CHECK(document["watched"] == false);
  CHECK(document["suppressed_by"]["line"] == 1);
  CHECK(document["rules"].size() == 1);  // in the list, behind the never rule

  CHECK(watched("-w /usr/bin/dockerd -k docker\n-a never,exit -F path=/usr/bin/dockerd\n", "/usr/bin/dockerd"));
  // -A puts the never rule first whatever came before it, and an -A always rule ahead of it again.
  CHECK_FALSE(watched("-w /usr/bin/dockerd -k docker\n-A never,exit -F path=/usr/bin/dockerd\n", "/usr/bin/dockerd"));
  CHECK(watched("-a never,exit -F path=/usr/bin/dockerd\n-A always,exit -F path=/usr/bin/dockerd\n", "/usr/bin/dockerd"));
  // A never rule of a directory covers what is below it; of another path, nothing.
  CHECK_FALSE(watched("-a exit,never -F dir=/usr/bin\n-w /usr/bin/dockerd\n", "/usr/bin/dockerd"));
  CHECK_FALSE(watched("-a never,exit -F dir=/\n-w /usr/bin/dockerd\n", "/usr/bin/dockerd"));
  CHECK(watched("-a exit,never -F dir=/var/lib/docker/volumes\n-a always,exit -F dir=/var/lib/docker\n", "/var/lib/docker"));
  CHECK(watched("-a never,exit -F path=/usr/bin/dockerd-x\n-w /usr/bin/dockerd\n", "/usr/bin/dockerd"));
  CHECK(watched("-a never,exit -F dir=/usr/bin/dock\n-w /usr/bin/dockerd\n", "/usr/bin/dockerd"));
  CHECK_FALSE(watched("-a never,exit -F path=/var/run/docker.sock\n-w /run/docker.sock\n", "/run/docker.sock"));
  // Never rules of other lists are not the exit list's.
  CHECK(watched("-a never,task -F path=/usr/bin/dockerd\n-w /usr/bin/dockerd\n", "/usr/bin/dockerd"));
}

TEST_CASE("audit rules: -W and -d delete what came before them") {
  const auto document = audit_document(parse_audit_rules("-w /usr/bin/dockerd -k docker\n"
                                                         "-W /usr/bin/dockerd -k docker\n",
                                                         "docker.rules"),
                                       {"docker.rules"}, "/usr/bin/dockerd");
  CHECK(document["watched"] == false);
  CHECK(document["rules"].empty());
  CHECK(document["removed_by"][0]["line"] == 2);

  CHECK(watched("-W /usr/bin/dockerd\n-w /usr/bin/dockerd\n", "/usr/bin/dockerd"));
  CHECK_FALSE(watched("-a always,exit -F path=/usr/bin/runc\n-d always,exit -F path=/usr/bin/runc\n", "/usr/bin/runc"));
  // -W deletes watches only, -d rules of its own action only.
  CHECK(watched("-a always,exit -F path=/usr/bin/runc\n-W /usr/bin/runc\n", "/usr/bin/runc"));
  CHECK(watched("-w /usr/bin/runc\n-d always,exit -F path=/usr/bin/runc\n", "/usr/bin/runc"));
  CHECK(watched("-a never,exit -F path=/usr/bin/runc\n-w /usr/bin/runc\n-d never,exit -F path=/usr/bin/runc\n", "/usr/bin/runc"));
  CHECK(watched("-w /usr/bin/runc\n-W /usr/bin/containerd\n", "/usr/bin/runc"));
}

TEST_CASE("audit rules: a deleted rule leaves the list, whichever end it was put at") {
  // The never rule put in front is deleted: the watch behind it is first again.
  CHECK(watched("-w /usr/bin/runc\n-A never,exit -F path=/usr/bin/runc\n-d never,exit -F path=/usr/bin/runc\n", "/usr/bin/runc"));
  // Deleted in the middle, the never rules at both ends stay where they were.
  const auto document = audit_document(parse_audit_rules("-a never,exit -F dir=/usr\n"
                                                         "-w /usr/bin/runc\n"
                                                         "-W /usr/bin/runc\n"
                                                         "-A never,exit -F path=/usr/bin/runc\n"
                                                         "-w /usr/bin/runc\n"
                                                         "-d never,exit -F path=/usr/bin/runc\n",
                                                         "docker.rules"),
                                       {"docker.rules"}, "/usr/bin/runc");
  CHECK(document["watched"] == false);
  CHECK(document["suppressed_by"]["line"] == 1);
  CHECK(document["rules"].size() == 1);
  CHECK(document["rules"][0]["line"] == 5);
  CHECK(document["removed_by"].size() == 2);
  // A rule deleted once is gone: a second -W deletes nothing more.
  const auto twice = audit_document(parse_audit_rules("-w /usr/bin/runc\n-W /usr/bin/runc\n-W /usr/bin/runc\n", "docker.rules"),
                                    {"docker.rules"}, "/usr/bin/runc");
  CHECK(twice["removed_by"].size() == 1);
  // Thousands of never rules ahead and deletions after them: the answer stays the list's.
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "-a never,exit -F dir=/\n";
  for (int i = 0; i < 5000; ++i) many += "-W /usr/bin/runc\n-A always,exit -F path=/usr/bin/runc\n";
  const auto crowded = audit_document(parse_audit_rules(many, "docker.rules"), {"docker.rules"}, "/usr/bin/runc");
  CHECK(crowded["watched"] == true);
  CHECK(crowded["rules"].size() == 5000);
  CHECK_FALSE(crowded.contains("removed_by"));
}

TEST_CASE("audit rules: the order holds across rules files") {
  TempTree tree;
  tree.write("/etc/audit/rules.d/10-never.rules", "-a never,exit -F path=/usr/bin/dockerd\n");
  tree.write("/etc/audit/rules.d/20-docker.rules", "-w /usr/bin/dockerd -k docker\n-w /usr/bin/containerd -k docker\n");
  tree.write("/etc/audit/audit.rules", "-W /usr/bin/containerd -k docker\n");
  const HostRoot root(tree.root());
  std::vector<std::string> files;
  const auto rules = read_audit_rules(root, files);
  REQUIRE(rules.has_value());
  const auto dockerd = audit_document(*rules, files, "/usr/bin/dockerd");
  CHECK(dockerd["watched"] == false);
  CHECK(dockerd["suppressed_by"]["file"] == "/etc/audit/rules.d/10-never.rules");
  const auto containerd = audit_document(*rules, files, "/usr/bin/containerd");
  CHECK(containerd["watched"] == false);
  CHECK(containerd["removed_by"][0]["file"] == "/etc/audit/audit.rules");
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
