// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "collect/host/container_dirs.hpp"
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
      {"/var/lib/docker/missing/./../other", "/srv/docker/other"},  // the rest as written, made normal
      {"/not/there", "/not/there"},
      {"//etc///chain/", "/srv/docker/marker"},
      {"etc/chain", "/srv/docker/marker"},
  };
  for (const auto& [path, real] : cases) {
    CAPTURE(path);
    const auto resolved = root.real_path(path);
    REQUIRE(resolved.has_value());
    CHECK(*resolved == real);
  }
  CHECK(*root.real_path("/var/lib/docker", false) == "/var/lib/docker");
  // A root given with trailing slashes is the same root.
  const HostRoot slashed(tree.root().string() + "//");
  CHECK(*slashed.real_path("/etc/chain") == "/srv/docker/marker");
  CHECK(*slashed.read_text("/etc/chain") == "inside the tree\n");

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
  // Reading a directory as a file is refused, saying what it is.
  CHECK(root.read_text("/etc").error().kind == ProbeError::Kind::refused);
  CHECK(root.read_text("/etc").error().detail == "is a directory, not a regular file");
  CHECK(describe(ProbeError{ProbeError::Kind::permission, "Permission denied"}, "cannot read", "/etc/docker/daemon.json") ==
        "cannot read /etc/docker/daemon.json: Permission denied (run as root)");
}

TEST_CASE("FIFOs and devices are refused without blocking; sizes are bounded") {
  TempTree tree;
  tree.mkdir("/etc/docker");
  REQUIRE(::mkfifo((tree.root() / "etc/docker/daemon.json").c_str(), 0644) == 0);
  tree.write("/etc/big", std::string(5000, 'x'));
  tree.link("/dev/null", "/etc/null");
  const HostRoot root(tree.root());
  const auto fifo = root.read_text("/etc/docker/daemon.json");
  REQUIRE_FALSE(fifo.has_value());
  CHECK(fifo.error().detail == "is a FIFO, not a regular file");
  CHECK(root.read_text("/etc/big", 4096).error().kind == ProbeError::Kind::too_large);
  CHECK(root.read_text("/etc/big", 5000).has_value());
  const HostRoot system("/");
  CHECK(system.read_text("/dev/zero").error().detail == "is a character device, not a regular file");
}

TEST_CASE("a user's link is followed only to what that user owns; root's links always") {
  if (::geteuid() != 0) return;  // ownership needs root to set up
  TempTree tree;
  tree.write("/root/secret", "root only", 0600);
  tree.write("/home/alice/notes", "alice's");
  tree.mkdir("/home/alice/.config/docker");
  tree.link("/root/secret", "/home/alice/.config/docker/daemon.json");
  tree.link("/home/alice/notes", "/home/alice/.config/docker/own.json");
  tree.link("/root/secret", "/etc/root-link");
  for (const char* path : {"/home/alice", "/home/alice/notes", "/home/alice/.config", "/home/alice/.config/docker"}) {
    REQUIRE(::lchown((tree.root() / std::filesystem::path(path).relative_path()).c_str(), 1000, 1000) == 0);
  }
  for (const char* link : {"/home/alice/.config/docker/daemon.json", "/home/alice/.config/docker/own.json"}) {
    REQUIRE(::lchown((tree.root() / std::filesystem::path(link).relative_path()).c_str(), 1000, 1000) == 0);
  }
  const HostRoot root(tree.root());
  const auto stolen = root.read_text("/home/alice/.config/docker/daemon.json");
  REQUIRE_FALSE(stolen.has_value());
  CHECK(stolen.error().kind == ProbeError::Kind::refused);
  CHECK(stolen.error().detail.find("uid 1000") != std::string::npos);
  CHECK(*root.read_text("/home/alice/.config/docker/own.json") == "alice's");
  CHECK(*root.read_text("/etc/root-link") == "root only");
}

TEST_CASE("read_links: a directory's links and what they contain, none followed, bounded") {
  TempTree tree;
  tree.link("socket:[4242]", "/proc/300/fd/7");
  tree.link("/etc/shadow", "/proc/300/fd/3");
  tree.link("pipe:[17]", "/proc/300/fd/12");
  tree.write("/proc/300/fd/not-a-link", "x");
  const HostRoot root(tree.root());
  const auto links = root.read_links("/proc/300/fd", 100);
  REQUIRE(links.has_value());
  using Link = std::pair<std::string, std::string>;
  CHECK(*links == std::vector<Link>{{"12", "pipe:[17]"}, {"3", "/etc/shadow"}, {"7", "socket:[4242]"}});
  CHECK(root.read_links("/proc/300/fd", 2)->size() == 2);
  CHECK(root.read_links("/proc/300/fd", 0)->empty());
  const auto missing = root.read_links("/proc/301/fd", 100);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == ProbeError::Kind::not_found);
}

TEST_CASE("list_dir: more entries than its bound is too_large, not a partial listing") {
  TempTree tree;
  for (const auto* name : {"a", "b", "c"}) tree.write(std::string("/d/") + name, "");
  const HostRoot root(tree.root());
  CHECK(*root.list_dir("/d", 3) == std::vector<std::string>{"a", "b", "c"});
  const auto over = root.list_dir("/d", 2);
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().kind == ProbeError::Kind::too_large);
  CHECK(over.error().detail == "more than 2 entries, dockcis' limit for this directory");
}

TEST_CASE("container_dirs: the full ids under the data root's containers directory, within a bound") {
  TempTree tree;
  const std::string web(64, 'a');
  const std::string db = std::string(63, '1') + "f";
  tree.mkdir("/srv/docker/containers", 0710);
  tree.mkdir("/srv/docker/containers/" + db);
  tree.mkdir("/srv/docker/containers/" + web);
  // Not ids: short, upper case, too long, not hex.
  for (const auto& name : {std::string(12, 'a'), std::string(64, 'A'), std::string(65, 'a'), std::string(63, 'a') + "g"}) {
    tree.mkdir("/srv/docker/containers/" + name);
  }
  const HostRoot root(tree.root());
  CHECK(*container_dirs(root, "/srv/docker", 10) == std::vector<std::string>{db, web});
  // Every entry counts toward the bound, ids or not.
  CHECK_FALSE(container_dirs(root, "/srv/docker", 5).has_value());
  CHECK_FALSE(container_dirs(root, "/var/lib/docker", 10).has_value());
  CHECK_FALSE(container_dirs(root, "srv/docker", 10).has_value());
  tree.mkdir("/empty/containers");
  CHECK(container_dirs(root, "/empty", 10)->empty());
  // Only a directory that can be dockerd's: writable by no one else, owned by root or by this user.
  tree.chmod_path("/srv/docker/containers", 0770);
  CHECK_FALSE(container_dirs(root, "/srv/docker", 10).has_value());
  tree.chmod_path("/srv/docker/containers", 0712);
  CHECK_FALSE(container_dirs(root, "/srv/docker", 10).has_value());
  tree.chmod_path("/srv/docker/containers", 0710);
  REQUIRE(container_dirs(root, "/srv/docker", 10).has_value());
  if (::geteuid() == 0) {
    REQUIRE(::chown((tree.root() / "srv/docker/containers").c_str(), 12345, 0) == 0);
    CHECK_FALSE(container_dirs(root, "/srv/docker", 10).has_value());
  }
}
