// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <set>
#include <string>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Collects the wanted host facts into `store`, after the engine facts (targets
/// and container processes read them). Keys: daemon.config, daemon.units,
/// host.kernel, host.identity, scanner.self, container.processes (generic:
/// every running container) and host.file:/host.tree:/host.mount:/
/// host.audit:/host.group: keys whose path may be a target.
void collect_host_facts(const HostRoot& root, const std::set<std::string>& wanted, model::FactStore& store);

}  // namespace dockcis::collect
