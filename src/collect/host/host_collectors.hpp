// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "collect/fact_request.hpp"

// Collectors of the host's fact kinds (model/fact_kinds.cpp), one per kind.
namespace dockcis::collect {

void collect_daemon_units(const FactRequest& request, model::FactStore& out);
void collect_daemon_config(const FactRequest& request, model::FactStore& out);
void collect_host_kernel(const FactRequest& request, model::FactStore& out);
void collect_host_identity(const FactRequest& request, model::FactStore& out);
void collect_scanner_self(const FactRequest& request, model::FactStore& out);
void collect_container_processes(const FactRequest& request, model::FactStore& out);
void collect_host_file(const FactRequest& request, model::FactStore& out);
void collect_host_tree(const FactRequest& request, model::FactStore& out);
void collect_host_mount(const FactRequest& request, model::FactStore& out);
void collect_host_audit(const FactRequest& request, model::FactStore& out);
void collect_host_group(const FactRequest& request, model::FactStore& out);
void collect_host_listeners(const FactRequest& request, model::FactStore& out);

}  // namespace dockcis::collect
