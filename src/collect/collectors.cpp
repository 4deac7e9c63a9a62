// SPDX-License-Identifier: Apache-2.0
#include "collect/collectors.hpp"
#include "model/fact_names.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "collect/docker/engine_collectors.hpp"
#include "collect/docker/inventory.hpp"
#include "collect/host/host_collectors.hpp"
#include "collect/host/main_process.hpp"
#include "collect/host/setuid_files.hpp"

namespace dockcis::collect {
namespace {

// One row per kind of model/fact_kinds.cpp.
constexpr std::array<std::pair<std::string_view, Collector>, 27> kCollectors{{
    {model::facts::engine_version, collect_engine_version},
    {model::facts::engine_info, collect_engine_info},
    {model::facts::engine_containers, collect_engine_containers},
    {model::facts::container_inspect, collect_container_inspect},
    {model::facts::engine_images, collect_engine_images},
    {model::facts::image_inspect, collect_image_inspect},
    {model::facts::image_history, collect_image_history},
    {model::facts::engine_networks, collect_engine_networks},
    {model::facts::network_inspect, collect_network_inspect},
    {model::facts::engine_bridge, collect_engine_bridge},
    {model::facts::engine_swarm, collect_engine_swarm},
    {model::facts::daemon_units, collect_daemon_units},
    {model::facts::daemon_config, collect_daemon_config},
    {model::facts::host_kernel, collect_host_kernel},
    {model::facts::host_identity, collect_host_identity},
    {model::facts::scanner_self, collect_scanner_self},
    {model::facts::container_processes, collect_container_processes},
    {model::facts::host_file, collect_host_file},
    {model::facts::host_tree, collect_host_tree},
    {model::facts::host_mount, collect_host_mount},
    {model::facts::host_audit, collect_host_audit},
    {model::facts::host_group, collect_host_group},
    {model::facts::host_listeners, collect_host_listeners},
    {model::facts::engine_usage, collect_engine_usage},
    {model::facts::container_image_tag, collect_container_image_tag},
    {model::facts::container_main_process, collect_container_main_process},
    {model::facts::image_setuid_files, collect_image_setuid_files},
}};

}  // namespace

Collector collector_for(std::string_view kind) {
  const auto found = std::ranges::find(kCollectors, kind, &std::pair<std::string_view, Collector>::first);
  return found == kCollectors.end() ? nullptr : found->second;
}

}  // namespace dockcis::collect
