// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

#include "collect/fact_request.hpp"
#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

// A running container's first process as the host's /proc shows it: the user
// it really runs as, whatever USER the image or --user said (CIS 4.1).
namespace dockcis::collect {

/// "Uid:\t1000\t1000\t1000\t1000" of /proc/<pid>/status: real, effective, saved, filesystem.
model::json status_ids(std::string_view status);

/// container.main_process for the process `pid` (State.Pid of the inspect document).
model::Fact main_process_fact(const HostRoot& root, long pid);

void collect_container_main_process(const FactRequest& request, model::FactStore& out);

}  // namespace dockcis::collect
