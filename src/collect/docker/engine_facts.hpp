// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>

#include "collect/docker/docker_api.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Which Engine API documents the selected checks need beyond /version and /info.
struct EngineNeeds {
  bool containers = false;
  bool container_inspect = false;
  bool images = false;
  bool image_inspect = false;
  bool image_history = false;
  bool networks = false;
  bool network_inspect = false;
  bool swarm = false;
};

/// Reads the engine once into `store` (engine.*, container/<id>/inspect, ...).
/// Fails only when the daemon cannot be reached at all; any other problem
/// (HTTP 500, malformed JSON, a container removed mid-scan) becomes an
/// unavailable fact so the checks reading it give `error`.
std::expected<void, ApiError> collect_engine_facts(DockerApi& api, const EngineNeeds& needs,
                                                   const std::string& self_container_id, model::FactStore& store);

}  // namespace dockcis::collect
