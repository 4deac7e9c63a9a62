// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "collect/host/dockerd_process.hpp"
#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Merges dockerd's flags and its daemon.json into the effective options,
/// each with its source (flag, file, default), plus conflicts and whether the
/// file changed after the daemon started. Pure: inputs already read.
model::json merge_daemon_config(const model::json& process, const model::json& config_file, const model::json& file_options);

/// The `daemon.config` fact. Unavailable when the configuration cannot be
/// known: daemon.json unreadable or not valid JSON, or dockerd's command line
/// hidden (the engine answered, but neither its process nor a docker.service
/// that starts it is visible: a flag may set any option the file does not).
/// `units` is the daemon.units fact.
model::Fact daemon_config_fact(const HostRoot& root, const model::Fact& units, const DaemonPreference& preference = {});

}  // namespace dockcis::collect
