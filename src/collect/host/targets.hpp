// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
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
  /// Why daemon.config or daemon.units could not be read, when collected and
  /// unavailable: a target named by them is then unknown, not absent.
  const model::Unavailable* config_error = nullptr;
  const model::Unavailable* units_error = nullptr;
};

/// The inputs as a store holds them (engine.info, daemon.config, daemon.units
/// and meta "docker_socket").
TargetFacts target_facts(const model::FactStore& store);

/// A resolved target: the path, or nullopt when the target names nothing on
/// this host (a unit that is not installed, TLS not configured).
using ResolvedTarget = std::expected<std::optional<std::string>, model::Unavailable>;

/// Resolves a path that may be a target (${unit:docker.service},
/// ${docker_root}, ${daemon_json}, ${docker_socket}, ${containerd_socket},
/// ${daemon:tlscacert|tlscert|tlskey}, ${bin:NAME}). An error when the fact
/// that names it could not be read: the unit files for ${unit:...},
/// daemon.config for ${daemon_json} and ${daemon:...}, both engine.info and
/// daemon.config for ${docker_root}. Judging dockerd's default path instead
/// would judge a file the daemon may not read.
ResolvedTarget resolve_target(const std::string& path, const HostRoot& root, const TargetFacts& facts);

}  // namespace dockcis::collect
