// SPDX-License-Identifier: Apache-2.0
// The host collectors that decide CIS 4.1, 4.8 and 7.2 on fixture trees.
#include <doctest/doctest.h>

#include <chrono>

#include "collect/collect_facts.hpp"
#include "collect/host/listeners.hpp"
#include "collect/host/main_process.hpp"
#include "collect/host/setuid_files.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

namespace {

constexpr const char* kStatus =
    "Name:\tnginx\nUmask:\t0022\nState:\tS (sleeping)\nPid:\t4242\nPPid:\t4200\n"
    "Uid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n";

// An image inspect document of the overlay2 driver: `upper` above `lowers` (top first).
json overlay_inspect(const std::string& upper, const std::string& lowers) {
  json data{{"UpperDir", upper}, {"MergedDir", "/var/lib/docker/overlay2/x/merged"}};
  if (!lowers.empty()) data["LowerDir"] = lowers;
  return {{"GraphDriver", {{"Name", "overlay2"}, {"Data", data}}}};
}

std::vector<std::string> paths_of(const json& fact) {
  std::vector<std::string> paths;
  for (const auto& file : fact["files"]) paths.push_back(file["path"]);
  return paths;
}

}  // namespace

TEST_CASE("container.main_process reads the effective uid of State.Pid, not the real one") {
  TempTree tree;
  tree.write("/proc/1/status", "Name:\tsystemd\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
  tree.write("/proc/4242/status", kStatus);
  const auto fact = collect::main_process_fact(collect::HostRoot(tree.root()), 4242);
  REQUIRE(fact.has_value());
  CHECK((*fact)["uid"] == 1000);
  CHECK((*fact)["euid"] == 0);
  CHECK((*fact)["egid"] == 1000);
  CHECK((*fact)["name"] == "nginx");
  CHECK((*fact)["running"] == true);

  const auto gone = collect::main_process_fact(collect::HostRoot(tree.root()), 777);
  REQUIRE_FALSE(gone.has_value());
  CHECK(gone.error().kind == model::ErrorKind::not_found);

  TempTree empty;
  const auto hidden = collect::main_process_fact(collect::HostRoot(empty.root()), 4242);
  REQUIRE_FALSE(hidden.has_value());
  CHECK(hidden.error().kind == model::ErrorKind::not_visible);

  tree.write("/proc/5000/status", "Name:\tx\nUid:\tnobody\n");
  const auto garbage = collect::main_process_fact(collect::HostRoot(tree.root()), 5000);
  REQUIRE_FALSE(garbage.has_value());
  CHECK(garbage.error().kind == model::ErrorKind::malformed_answer);
}

TEST_CASE("bound UDP sockets: unconnected ones only, the kernel's VXLAN socket included") {
  constexpr const char* kUdp =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
      "  1: 00000000:12B5 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 0 2 0 0\n"
      "  2: 00000000:1F0A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9191 2 0 0\n"
      "  3: 0100007F:D431 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 9292 2 0 0\n";
  const auto sockets = collect::parse_udp_sockets(kUdp, false);
  REQUIRE(sockets.size() == 2);
  CHECK(sockets[0]["port"] == 4789);
  CHECK(sockets[0]["protocol"] == "udp");
  CHECK(sockets[0]["wildcard"] == true);
  CHECK(sockets[1]["port"] == 7946);

  TempTree tree;
  tree.write("/proc/1/net/tcp",
             "  sl  local_address rem_address   st\n"
             "   0: 00000000:0959 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0\n");
  tree.write("/proc/1/net/udp", kUdp);
  tree.write("/proc/300/comm", "dockerd\n");
  tree.link("socket:[9191]", "/proc/300/fd/9");
  const auto fact = collect::listeners_fact(collect::HostRoot(tree.root()));
  REQUIRE(fact.has_value());
  REQUIRE((*fact)["sockets"].size() == 3);
  CHECK((*fact)["sockets"][0]["protocol"] == "tcp");
  CHECK((*fact)["sockets"][2]["processes"][0]["comm"] == "dockerd");
  CHECK((*fact)["sources"] == json::array({"/proc/1/net/tcp", "/proc/1/net/udp"}));

  TempTree udp_only;
  udp_only.write("/proc/1/net/udp", kUdp);
  CHECK_FALSE(collect::listeners_fact(collect::HostRoot(udp_only.root())).has_value());
}

TEST_CASE("setuid files of an image: the union of its layers, each layer walked once") {
  TempTree tree;
  const std::string base = "/var/lib/docker/overlay2/base/diff";
  const std::string fix = "/var/lib/docker/overlay2/fix/diff";
  const std::string other = "/var/lib/docker/overlay2/other/diff";
  tree.write(base + "/usr/bin/passwd", "x", 04755);
  tree.write(base + "/usr/bin/su", "x", 04755);
  tree.write(base + "/usr/bin/wall", "x", 02755);
  tree.write(base + "/usr/bin/ls", "x", 0755);
  tree.write(base + "/opt/tool/run", "x", 04711);
  tree.link("/usr/bin/passwd", base + "/usr/bin/passwd-link");
  tree.write(fix + "/usr/bin/su", "x", 0755);  // chmod a-s in a later layer copies the file up
  tree.write(fix + "/opt", "", 0644);          // a file replacing a directory hides it
  tree.write(other + "/usr/local/bin/helper", "x", 06755);

  collect::HostRoot root(tree.root());
  collect::LayerScanner scanner(root, collect::LayerBudget{});
  const auto fixed = collect::image_setuid_fact(root, scanner, overlay_inspect(fix, base));
  REQUIRE(fixed.has_value());
  CHECK(paths_of(*fixed) == std::vector<std::string>{"/usr/bin/passwd", "/usr/bin/wall"});
  CHECK((*fixed)["files"][0]["mode"] == "4755");
  CHECK((*fixed)["files"][1]["setgid"] == true);
  CHECK((*fixed)["files"][1]["layer"] == base);
  const auto seen = scanner.entries_seen();

  const auto plain = collect::image_setuid_fact(root, scanner, overlay_inspect(other, base));
  REQUIRE(plain.has_value());
  CHECK(paths_of(*plain) == std::vector<std::string>{"/opt/tool/run", "/usr/bin/passwd", "/usr/bin/su", "/usr/bin/wall",
                                                     "/usr/local/bin/helper"});
  // The base layer was not walked again: only the new layer's entries were added.
  CHECK(scanner.entries_seen() - seen < 6);

  // A layer LowerDir names again (or names as the upper one too) is one layer.
  const auto repeated = collect::image_setuid_fact(root, scanner, overlay_inspect(fix, base + ":" + base + ":" + fix + ":" + base));
  REQUIRE(repeated.has_value());
  CHECK((*repeated)["layers"] == 2);
  CHECK(paths_of(*repeated) == paths_of(*fixed));
}

TEST_CASE("setuid files: bounds, missing layers and drivers without layer directories are errors") {
  TempTree tree;
  const std::string layer = "/var/lib/docker/overlay2/big/diff";
  for (int i = 0; i < 20; ++i) tree.write(layer + "/d" + std::to_string(i) + "/f", "x");
  collect::HostRoot root(tree.root());

  collect::LayerScanner small(root, collect::LayerBudget{10, std::chrono::seconds(60)});
  const auto bounded = collect::image_setuid_fact(root, small, overlay_inspect(layer, ""));
  REQUIRE_FALSE(bounded.has_value());
  CHECK(bounded.error().kind == model::ErrorKind::too_large);
  CHECK(bounded.error().reason.find("stopped after 10 files") != std::string::npos);

  collect::LayerScanner hurried(root, collect::LayerBudget{2'000'000, std::chrono::seconds(-1)});
  tree.mkdir(layer + "/many");
  for (int i = 0; i < 1100; ++i) tree.write(layer + "/many/" + std::to_string(i), "");
  const auto slow = collect::image_setuid_fact(root, hurried, overlay_inspect(layer, ""));
  REQUIRE_FALSE(slow.has_value());
  CHECK(slow.error().kind == model::ErrorKind::timed_out);

  collect::LayerScanner scanner(root, collect::LayerBudget{});
  const auto missing = collect::image_setuid_fact(root, scanner, overlay_inspect("/var/lib/docker/overlay2/gone/diff", ""));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().reason.find("missing") != std::string::npos);

  const auto snapshotter = collect::image_setuid_fact(root, scanner, json{{"GraphDriver", {{"Name", "overlayfs"}}}});
  REQUIRE_FALSE(snapshotter.has_value());
  CHECK(snapshotter.error().reason.find("overlayfs") != std::string::npos);
  const auto relative = collect::image_setuid_fact(root, scanner, overlay_inspect("../../etc", ""));
  CHECK_FALSE(relative.has_value());
}

TEST_CASE("setuid files on containerd's image store: an error that says why and what a reviewer can run") {
  TempTree tree;
  const std::string id = "sha256:" + std::string(64, 'c');
  model::FactStore store;
  store.set("engine.images", json::array({{{"Id", id}, {"RepoTags", {"app:1"}}}, {{"Id", id + "x"}, {"RepoTags", {"<none>:<none>"}}}}));
  // With the containerd image store, image inspect names the snapshotter and gives no layer directories.
  store.set(model::instance_key("image", id, "inspect"), json{{"GraphDriver", {{"Name", "overlayfs"}, {"Data", nullptr}}}});
  store.set(model::instance_key("image", id + "x", "inspect"), json{{"GraphDriver", {{"Name", "overlayfs"}, {"Data", nullptr}}}});
  store.set("engine.info", json{{"Driver", "overlayfs"}, {"DriverStatus", json::array({json::array({"driver-type", "io.containerd.snapshotter.v1"})})}});
  collect::collect_host_facts(collect::HostRoot(tree.root()), {"image.setuid_files"}, store);
  const auto* fact = store.find(model::instance_key("image.setuid_files", id));
  REQUIRE(fact != nullptr);
  REQUIRE_FALSE(fact->has_value());
  const auto& reason = fact->error().reason;
  CHECK(reason.find("the image is in containerd's image store (snapshotter 'overlayfs'; docker info: driver-type "
                    "io.containerd.snapshotter.v1)") == 0);
  CHECK(reason.find("to review it, run: c=$(docker create app:1 true) && docker export \"$c\" | tar -tv | "
                    "grep -E '^-(..[sS]|.....[sS])'; docker rm \"$c\"") != std::string::npos);
  // An untagged image is named by its id.
  const auto* untagged = store.find(model::instance_key("image.setuid_files", id + "x"));
  REQUIRE(untagged != nullptr);
  REQUIRE_FALSE(untagged->has_value());
  CHECK(untagged->error().reason.find("docker create " + id + "x true") != std::string::npos);

  // Another driver without layer directories says so, with the same way out.
  store.set("engine.info", json{{"Driver", "vfs"}, {"DriverStatus", json::array()}});
  store.set(model::instance_key("image", id, "inspect"), json{{"GraphDriver", {{"Name", "vfs"}, {"Data", nullptr}}}});
  collect::collect_host_facts(collect::HostRoot(tree.root()), {"image.setuid_files"}, store);
  const auto* vfs = store.find(model::instance_key("image.setuid_files", id));
  REQUIRE_FALSE(vfs->has_value());
  CHECK(vfs->error().reason.find("the storage driver 'vfs' gives no layer directories") == 0);
  CHECK(vfs->error().reason.find("docker create app:1 true") != std::string::npos);
}

TEST_CASE("running host: container.main_process through the dispatch, for running and stopped containers") {
  const std::string web = "4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2";
  const std::string ssh = "7f5a55cf3f88be936fb9440249cb449f3067ccee4b525d0027dc9278a29c32c1";
  const std::string exited(64, 'e');
  TempTree tree;
  tree.copy_fixture("running");
  model::FactStore store;
  store.set("engine.containers", json::array({{{"Id", web}, {"State", "running"}},
                                              {{"Id", ssh}, {"State", "running"}},
                                              {{"Id", exited}, {"State", "exited"}}}));
  store.set(model::instance_key("container", ssh, "inspect"), json{{"State", {{"Running", true}, {"Pid", 1600}}}});
  collect::collect_host_facts(collect::HostRoot(tree.root()), {"container.main_process"}, store);

  const auto* sshd = store.find("container/" + ssh + "/main_process");
  REQUIRE(sshd != nullptr);
  REQUIRE(sshd->has_value());
  CHECK((**sshd)["euid"] == 0);
  CHECK((**sshd)["pid"] == 1600);
  CHECK((**sshd)["name"] == "sshd");
  const auto* stopped = store.find("container/" + exited + "/main_process");
  REQUIRE(stopped != nullptr);
  CHECK(**stopped == json{{"running", false}});
  // Running by the list, but no inspect document gives its pid.
  const auto* unknown = store.find("container/" + web + "/main_process");
  REQUIRE(unknown != nullptr);
  REQUIRE_FALSE(unknown->has_value());
  CHECK(unknown->error().kind == model::ErrorKind::not_collected);
}
