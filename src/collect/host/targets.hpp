// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Resolves a path that may be a target (${unit:docker.service},
/// ${docker_root}, ${daemon_json}, ${docker_socket}, ${containerd_socket},
/// ${daemon:tlscacert|tlscert|tlskey}, ${bin:NAME}) from facts already
/// collected. nullopt when the target names nothing on this host (a unit
/// that is not installed, TLS not configured).
std::optional<std::string> resolve_target(const std::string& path, const HostRoot& root, const model::FactStore& facts);

}  // namespace dockcis::collect
