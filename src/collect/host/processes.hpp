// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// The 64-hex container id a cgroup or mountinfo text names, or "".
std::string container_id_in(std::string_view text);

/// Host pids by container id, from every <root>/proc/<pid>/cgroup. Membership
/// by cgroup, not by pid namespace: a --pid=host container does not inherit
/// the processes of others.
std::map<std::string, std::vector<long>> pids_by_container(const HostRoot& root);

/// {"pid", "ppid", "uid", "comm", "exe", "args"} for each pid.
model::json describe_processes(const HostRoot& root, const std::vector<long>& pids);

/// The id of the container dockcis itself runs in (from this process's own
/// /proc, whatever --root says), "" on the host.
std::string detect_self_container_id();

}  // namespace dockcis::collect
