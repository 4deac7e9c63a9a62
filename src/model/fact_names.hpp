// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

// The name of every kind of fact, spelled once: the registry
// (model/fact_kinds.cpp), the dispatch table (collect/collectors.cpp) and the
// code that reads a fact by name use these.
namespace dockcis::model::facts {

inline constexpr std::string_view engine_version = "engine.version";
inline constexpr std::string_view engine_info = "engine.info";
inline constexpr std::string_view engine_containers = "engine.containers";
inline constexpr std::string_view container_inspect = "container.inspect";
inline constexpr std::string_view engine_images = "engine.images";
inline constexpr std::string_view image_inspect = "image.inspect";
inline constexpr std::string_view image_history = "image.history";
inline constexpr std::string_view engine_networks = "engine.networks";
inline constexpr std::string_view network_inspect = "network.inspect";
inline constexpr std::string_view engine_bridge = "engine.bridge";
inline constexpr std::string_view engine_swarm = "engine.swarm";
inline constexpr std::string_view daemon_units = "daemon.units";
inline constexpr std::string_view daemon_config = "daemon.config";
inline constexpr std::string_view host_kernel = "host.kernel";
inline constexpr std::string_view host_identity = "host.identity";
inline constexpr std::string_view scanner_self = "scanner.self";
inline constexpr std::string_view container_processes = "container.processes";
inline constexpr std::string_view host_file = "host.file";
inline constexpr std::string_view host_tree = "host.tree";
inline constexpr std::string_view host_mount = "host.mount";
inline constexpr std::string_view host_audit = "host.audit";
inline constexpr std::string_view host_group = "host.group";
inline constexpr std::string_view host_listeners = "host.listeners";
inline constexpr std::string_view engine_usage = "engine.usage";
inline constexpr std::string_view container_image_tag = "container.image_tag";
inline constexpr std::string_view container_main_process = "container.main_process";
inline constexpr std::string_view image_setuid_files = "image.setuid_files";

}  // namespace dockcis::model::facts
