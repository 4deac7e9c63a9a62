// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "collect/host/host_root.hpp"
#include "temp_tree.hpp"

using namespace dockcis::collect;

TEST_CASE("resolve joins under the root and never climbs above it") {
  const HostRoot host("/host");
  struct Case {
    const char* path;
    const char* expected;
  };
  const Case cases[] = {
      {"/etc/docker/daemon.json", "/host/etc/docker/daemon.json"},
      {"/../../etc/shadow", "/host/etc/shadow"},
      {"/var/lib/../../../etc", "/host/etc"},
      {"etc/group", "/host/etc/group"},
      {"/", "/host/"},
  };
  for (const auto& [path, expected] : cases) {
    CAPTURE(path);
    CHECK(host.resolve(path).string() == expected);
  }
  CHECK(HostRoot("/").resolve("/../etc/passwd").string() == "/etc/passwd");
}

TEST_CASE("symlinks are followed inside the root, absolute targets taken from the root") {
  TempTree tree;
  tree.write("/srv/docker/marker", "inside the tree\n");
  tree.link("/srv/docker", "/var/lib/docker");        // absolute: means <root>/srv/docker
  tree.link("../../srv/docker", "/opt/relative/data");  // relative
  tree.link("/var/lib/docker/marker", "/etc/chain");  // through another link
  tree.link("/etc/loop-b", "/etc/loop-a");
  tree.link("/etc/loop-a", "/etc/loop-b");
  tree.link("/../../../../srv/docker", "/etc/escape");  // ".." stops at the root
  const HostRoot root(tree.root());

  struct Case {
    const char* path;
    const char* real;
  };
  const Case cases[] = {
      {"/var/lib/docker", "/srv/docker"},
      {"/var/lib/docker/marker", "/srv/docker/marker"},
      {"/var/lib/docker/../docker/marker", "/srv/docker/marker"},  // ".." after a link is physical
      {"/opt/relative/data/marker", "/srv/docker/marker"},
      {"/etc/chain", "/srv/docker/marker"},
      {"/etc/escape/marker", "/srv/docker/marker"},
      {"/var/lib/docker/missing/deeper", "/srv/docker/missing/deeper"},
      {"/not/there", "/not/there"},
  };
  for (const auto& [path, real] : cases) {
    CAPTURE(path);
    const auto resolved = root.real_path(path);
    REQUIRE(resolved.has_value());
    CHECK(*resolved == real);
  }
  CHECK(*root.real_path("/var/lib/docker", false) == "/var/lib/docker");

  CHECK(*root.read_text("/etc/chain") == "inside the tree\n");
  CHECK(*root.read_text("/etc/escape/marker") == "inside the tree\n");
  CHECK(S_ISDIR(root.stat("/var/lib/docker")->st_mode));
  CHECK(S_ISLNK(root.lstat("/var/lib/docker")->st_mode));
  CHECK(*root.read_link("/var/lib/docker") == "/srv/docker");
  CHECK(*root.list_dir("/var/lib/docker") == std::vector<std::string>{"marker"});

  const auto loop = root.read_text("/etc/loop-a");
  REQUIRE_FALSE(loop.has_value());
  CHECK(loop.error().kind == ProbeError::Kind::other);
}

TEST_CASE("an absolute link never reaches the scanner's own files") {
  TempTree tree;
  tree.write("/etc/hostname-of-tree", "tree\n");
  tree.link("/etc/hostname-of-tree", "/etc/hostname");
  // Outside the tree this would be the scanner's /proc/version; inside it is absent.
  tree.link("/proc/version", "/etc/kernel");
  const HostRoot root(tree.root());
  CHECK(*root.read_text("/etc/hostname") == "tree\n");
  const auto kernel = root.read_text("/etc/kernel");
  REQUIRE_FALSE(kernel.has_value());
  CHECK(kernel.error().kind == ProbeError::Kind::not_found);
  CHECK_FALSE(root.stat("/etc/kernel").has_value());
  CHECK(root.lstat("/etc/kernel").has_value());
}

TEST_CASE("a missing file is not_found; other failures are told apart") {
  TempTree tree;
  tree.write("/etc/file", "x");
  const HostRoot root(tree.root());
  const auto missing = root.read_text("/etc/absent");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == ProbeError::Kind::not_found);
  // A path below a regular file (ENOTDIR) is as absent as a missing one.
  CHECK(root.read_text("/etc/file/below").error().kind == ProbeError::Kind::not_found);
  CHECK(root.list_dir("/etc/absent").error().kind == ProbeError::Kind::not_found);
  // Reading a directory as a file fails for another reason (EISDIR).
  CHECK(root.read_text("/etc").error().kind == ProbeError::Kind::other);
  CHECK(describe(ProbeError{ProbeError::Kind::permission, "Permission denied"}, "cannot read", "/etc/docker/daemon.json") ==
        "cannot read /etc/docker/daemon.json: Permission denied (run as root)");
}
