// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "collect/fact_request.hpp"
#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Why a run could not collect at all (the Docker daemon cannot be reached).
struct CollectError {
  model::ErrorKind kind = model::ErrorKind::unreachable;
  std::string message;
};

/// Called when collection moves on to another source, for a progress line.
using ProgressFn = std::function<void(std::string_view step)>;

/// Collects the planned facts into `store`: each kind once, after the kinds it
/// depends on, by its registered collector. Engine API kinds need
/// `sources.engine` (opened here first); without one they are skipped. Fails
/// only when the engine cannot be reached; every other problem is an
/// unavailable fact.
std::expected<void, CollectError> collect_facts(const std::set<std::string>& planned, Sources& sources,
                                                model::FactStore& store, const ProgressFn& progress = {});

/// The host facts among `wanted` and the host facts they depend on, read into
/// a store that may already hold engine facts (its meta "docker_socket" names
/// the API socket). For tests and snapshot tools.
void collect_host_facts(const HostRoot& root, const std::set<std::string>& wanted, model::FactStore& store);

}  // namespace dockcis::collect
