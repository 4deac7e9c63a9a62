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

/// The `daemon.config` fact. Unavailable only when the configuration cannot be
/// known: daemon.json unreadable or not valid JSON. `units` is the daemon.units fact.
model::Fact collect_daemon_config(const HostRoot& root, const model::Fact& units);

}  // namespace dockcis::collect
