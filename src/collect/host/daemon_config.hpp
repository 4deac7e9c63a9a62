// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// The dockerd processes under <root>/proc (pid, uid, exe, argv, start time).
model::json find_dockerd_processes(const HostRoot& root);

/// Merges dockerd's flags and its daemon.json into the effective options,
/// each with its source (flag, file, default), plus conflicts and whether the
/// file changed after the daemon started. Pure: inputs already read.
model::json merge_daemon_config(const model::json& process, const model::json& config_file, const model::json& file_options);

/// dockerd's argv as docker.service would start it: ExecStart with $VAR and
/// ${VAR} taken from Environment= and the EnvironmentFile(s) (/etc/default/docker,
/// /etc/sysconfig/docker). Used when no dockerd process is visible.
std::vector<std::string> unit_command_line(const HostRoot& root, const model::json& service_unit);

/// Which dockerd to describe when several run: the rootful one, unless the
/// Engine API answered from a rootless daemon.
struct DaemonPreference {
  bool rootless = false;
  long uid = -1;  ///< the rootless daemon's uid when known (from its socket path), else -1
};

/// The dockerd process `preference` picks among `processes` (null when none).
model::json choose_dockerd(const model::json& processes, const DaemonPreference& preference);

/// The `daemon.config` fact. Unavailable only when the configuration cannot be
/// known: daemon.json unreadable or not valid JSON. `units` is the daemon.units fact.
model::Fact collect_daemon_config(const HostRoot& root, const model::Fact& units, const DaemonPreference& preference = {});

}  // namespace dockcis::collect
