// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>

#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "model/fact_store.hpp"

using namespace dockcis::model;

TEST_CASE("every kind's dependencies are registered kinds, and the registry has no cycle") {
  std::set<std::string_view> all;
  for (const auto& kind : fact_kinds()) all.insert(kind.name);
  for (const auto& kind : fact_kinds()) {
    CAPTURE(kind.name);
    CHECK_FALSE(kind.description.empty());
    for (const auto dependency : kind.depends) {
      if (!dependency.empty()) CHECK(all.contains(dependency));
    }
  }
  const auto order = collection_order(all);
  CHECK(order.size() == all.size());
}

TEST_CASE("collection order puts a kind after what it reads") {
  const auto order = collection_order({facts::host_file, facts::daemon_config, facts::engine_info, facts::daemon_units});
  const auto at = [&](std::string_view name) { return std::ranges::find(order, name) - order.begin(); };
  CHECK(at(facts::engine_info) < at(facts::daemon_config));
  CHECK(at(facts::daemon_units) < at(facts::daemon_config));
  CHECK(at(facts::daemon_config) < at(facts::host_file));
}

TEST_CASE("kinds are found from fact names, check-file names and store keys") {
  CHECK(find_fact_kind("host.file:/etc/docker")->name == facts::host_file);
  CHECK(find_fact_kind("container.inspect")->instance_of == "container");
  CHECK(find_fact_kind("host.nothing") == nullptr);
  CHECK(kind_of_key("container/abc/processes")->name == facts::container_processes);
  CHECK(kind_of_key("host.file:/var/lib/docker/x/y")->name == facts::host_file);
  CHECK(kind_of_key("image/sha256:1/history")->name == facts::image_history);
  CHECK(instance_key(facts::container_inspect, "abc") == "container/abc/inspect");
  CHECK(instance_field(*find_fact_kind("image.history")) == "history");
}

TEST_CASE("plans close over dependencies") {
  const auto closed = with_dependencies({"host.file:${docker_root}", "container.processes"});
  for (const auto name : {facts::engine_info, facts::daemon_config, facts::daemon_units, facts::engine_containers,
                          facts::container_inspect}) {
    CAPTURE(name);
    CHECK(closed.contains(std::string(name)));
  }
  CHECK_FALSE(closed.contains(std::string(facts::engine_images)));
  CHECK(find_collection("running_containers")->running_only);
  CHECK(find_collection("images")->list_fact == facts::engine_images);
}
