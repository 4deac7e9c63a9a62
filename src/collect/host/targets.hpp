// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// What targets are resolved from: facts collected before the host paths
/// (the registry makes host path kinds depend on them), and the API socket.
struct TargetFacts {
  const model::json* info = nullptr;    ///< engine.info, when read
  const model::json* config = nullptr;  ///< daemon.config, when read
  const model::json* units = nullptr;   ///< daemon.units, when read
  std::string api_socket;               ///< the socket the Engine API was read through
};

/// The inputs as a store holds them (engine.info, daemon.config, daemon.units
/// and meta "docker_socket").
TargetFacts target_facts(const model::FactStore& store);

/// Resolves a path that may be a target (${unit:docker.service},
/// ${docker_root}, ${daemon_json}, ${docker_socket}, ${containerd_socket},
/// ${daemon:tlscacert|tlscert|tlskey}, ${bin:NAME}). nullopt when the target
/// names nothing on this host (a unit that is not installed, TLS not configured).
std::optional<std::string> resolve_target(const std::string& path, const HostRoot& root, const TargetFacts& facts);

}  // namespace dockcis::collect
