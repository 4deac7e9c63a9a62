// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string_view>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Parses a unit file's text: {"Section": {"Key": ["value", ...]}}. An empty
/// assignment resets the list, as systemd does for ExecStart= in drop-ins.
model::json parse_unit_text(std::string_view text, model::json into = model::json::object());

/// Finds a unit the way systemd's search path does (/etc, /run,
/// /usr/local/lib, /usr/lib, /lib), with its drop-ins, and summarises what
/// dockcis needs: fragment_path, dropin_paths, exec_start, environment_files,
/// listen_stream, socket_user/group/mode, masked. A unit file, drop-in
/// directory or drop-in that is there but cannot be read is an error.
std::expected<model::json, model::Unavailable> resolve_unit(const HostRoot& root, std::string_view name);

/// The `daemon.units` fact: docker.service and docker.socket.
model::Fact collect_units(const HostRoot& root);

}  // namespace dockcis::collect
