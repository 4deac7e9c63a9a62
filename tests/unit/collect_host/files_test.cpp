// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "collect/host/files.hpp"
#include "temp_tree.hpp"

using namespace dockcis;

namespace {
model::Fact tree_of(const TempTree& tree, const std::string& path) {
  const collect::HostRoot root(tree.root());
  return collect::tree_fact(root, collect::read_name_maps(root), path);
}
}  // namespace

TEST_CASE("host.tree: every file under the path, or an error when the tree is not seen whole") {
  TempTree tree;
  tree.write("/etc/docker/certs.d/registry:5000/ca.crt", "x");
  tree.write("/etc/docker/certs.d/registry:5000/client.key", "x", 0600);
  auto fact = tree_of(tree, "/etc/docker/certs.d");
  REQUIRE(fact.has_value());
  CHECK((*fact)["exists"] == true);
  CHECK((*fact)["files"].size() == 2);
  CHECK((*fact)["entries"].size() == 3);

  const auto missing = tree_of(tree, "/etc/docker/none");
  REQUIRE(missing.has_value());
  CHECK((*missing)["exists"] == false);

  // Deeper than the walk goes: the files below were not judged.
  tree.write("/etc/docker/certs.d/a/b/c/d/e/f/g/h/i/j/ca.crt", "x");
  fact = tree_of(tree, "/etc/docker/certs.d");
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().kind == model::ErrorKind::too_large);
  CHECK(fact.error().reason.find("more than 9 levels deep") != std::string::npos);
  const auto shallow = tree_of(tree, "/etc/docker/certs.d/a/b");
  CHECK(shallow.has_value());

  TempTree wide;
  for (int i = 0; i < 101; ++i) wide.write("/etc/docker/certs.d/r" + std::to_string(i) + "/ca.crt", "x");
  for (int i = 0; i < 100; ++i) {
    for (int j = 0; j < 99; ++j) wide.write("/etc/docker/certs.d/r" + std::to_string(i) + "/c" + std::to_string(j), "");
  }
  const auto too_many = tree_of(wide, "/etc/docker/certs.d");
  REQUIRE_FALSE(too_many.has_value());
  CHECK(too_many.error().reason.find("more than 10000 entries") != std::string::npos);
}

TEST_CASE("host.tree: a tree that cannot be listed is an error, not an empty tree") {
  if (geteuid() != 0) return;  // lchown to another user needs root
  TempTree tree;
  tree.write("/srv/certs/registry/ca.crt", "x");
  tree.mkdir("/srv/certs", 0700);
  // An ordinary user's link to a root-only directory is not followed (host_root.hpp).
  tree.link("/srv/certs", "/etc/docker/certs.d");
  REQUIRE(lchown((tree.root() / "etc/docker/certs.d").c_str(), 1000, 1000) == 0);
  const auto fact = tree_of(tree, "/etc/docker/certs.d");
  REQUIRE_FALSE(fact.has_value());
  CHECK(fact.error().reason.find("cannot list /etc/docker/certs.d") != std::string::npos);
}

TEST_CASE("host.kernel: an AppArmor flag that cannot be read is unknown, not off") {
  TempTree tree;
  const collect::HostRoot root(tree.root());
  auto kernel = collect::kernel_fact(root);
  REQUIRE(kernel.has_value());
  CHECK((*kernel)["apparmor_enabled"] == false);
  tree.write("/sys/module/apparmor/parameters/enabled", "Y\n");
  kernel = collect::kernel_fact(root);
  CHECK((*kernel)["apparmor_enabled"] == true);
  // A FIFO in its place is refused, not read: the state is not known.
  std::filesystem::remove(tree.root() / "sys/module/apparmor/parameters/enabled");
  REQUIRE(mkfifo((tree.root() / "sys/module/apparmor/parameters/enabled").c_str(), 0600) == 0);
  kernel = collect::kernel_fact(root);
  CHECK((*kernel)["apparmor_enabled"].is_null());
}

TEST_CASE("host.kernel: an SELinux state that cannot be looked at is unknown, not off") {
  TempTree tree;
  const collect::HostRoot root(tree.root());
  // No sysfs in the tree: the boot configuration decides.
  tree.write("/etc/selinux/config", "SELINUX=enforcing\n");
  auto kernel = collect::kernel_fact(root);
  REQUIRE(kernel.has_value());
  CHECK((*kernel)["selinux_enabled"] == true);
  std::filesystem::remove(tree.root() / "etc/selinux/config");
  REQUIRE(mkfifo((tree.root() / "etc/selinux/config").c_str(), 0600) == 0);
  kernel = collect::kernel_fact(root);
  CHECK((*kernel)["selinux_enabled"].is_null());
  CHECK((*kernel)["selinux_source"] == "/etc/selinux/config");
  // sysfs's flag file, a link to itself: it cannot be stat'ed, so the state is not known.
  tree.link("enforce", "/sys/fs/selinux/enforce");
  kernel = collect::kernel_fact(root);
  CHECK((*kernel)["selinux_enabled"].is_null());
  CHECK((*kernel)["selinux_source"] == "sysfs");
}
