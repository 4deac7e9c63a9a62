// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <vector>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// The dockerd processes under <root>/proc: pid, uid, exe, argv, start time
/// and the environment variables that locate a rootless daemon.json.
model::json find_dockerd_processes(const HostRoot& root);

/// What the Engine API told of the daemon: which dockerd to describe when
/// several run (the rootful one, unless it answered from a rootless daemon),
/// and whether one runs at all.
struct DaemonPreference {
  bool rootless = false;
  long uid = -1;                 ///< the rootless daemon's uid when known (from its socket path), else -1
  bool engine_answered = false;  ///< engine.info was read: a dockerd runs, whether or not its process is visible
};

/// The dockerd process `preference` picks among `processes` (null when none).
model::json choose_dockerd(const model::json& processes, const DaemonPreference& preference);

/// dockerd's argv as docker.service would start it: ExecStart with $VAR and
/// ${VAR} taken from Environment= and the EnvironmentFile(s) (/etc/default/docker,
/// /etc/sysconfig/docker). Used when no dockerd process is visible. An
/// environment file that is there but cannot be read is an error: the flags
/// it may hold would be missed. A missing one is skipped, as systemd skips an
/// optional one (and would not start the unit without a required one).
std::expected<std::vector<std::string>, model::Unavailable> unit_command_line(const HostRoot& root, const model::json& service_unit);

}  // namespace dockcis::collect
