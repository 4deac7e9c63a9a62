// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "collect/fact_request.hpp"

// Collectors of the Engine API's fact kinds (model/fact_kinds.cpp), one per
// kind. The session must be open.
namespace dockcis::collect {

void collect_engine_version(const FactRequest& request, model::FactStore& out);
void collect_engine_info(const FactRequest& request, model::FactStore& out);
void collect_engine_containers(const FactRequest& request, model::FactStore& out);
void collect_container_inspect(const FactRequest& request, model::FactStore& out);
void collect_engine_images(const FactRequest& request, model::FactStore& out);
void collect_image_inspect(const FactRequest& request, model::FactStore& out);
void collect_image_history(const FactRequest& request, model::FactStore& out);
void collect_engine_networks(const FactRequest& request, model::FactStore& out);
void collect_network_inspect(const FactRequest& request, model::FactStore& out);
void collect_engine_bridge(const FactRequest& request, model::FactStore& out);
void collect_engine_swarm(const FactRequest& request, model::FactStore& out);

/// A container's list entry or inspect document as a collection keeps it:
/// cut to `fields` (the pointers the checks read of its kind; nullptr keeps
/// everything) and the lists the engine orders at random sorted. The
/// collectors above do this; `dockcis watch` does it to a container it reads again.
void shape_container(model::json& document, const std::vector<std::string>* fields);

}  // namespace dockcis::collect
