// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// The 64-hex container id a cgroup or mountinfo text names, or "".
std::string container_id_in(std::string_view text);

/// Every <root>/proc/<pid>/cgroup, read once: host pids by the container id
/// their cgroup path names (membership by cgroup, not by pid namespace: a
/// --pid=host container does not inherit the processes of others), and by
/// the cgroup itself (the file's whole text).
struct ProcessCgroups {
  std::map<std::string, std::vector<long>> by_container;
  std::unordered_map<std::string, std::vector<long>> by_cgroup;
};
ProcessCgroups read_process_cgroups(const HostRoot& root);

/// {"pid", "ppid", "uid", "comm", "exe", "args"} for each pid.
model::json describe_processes(const HostRoot& root, const std::vector<long>& pids);

/// The pids of the cgroup `pid` is in (the same /proc/<pid>/cgroup text):
/// a running container's processes when its cgroup path does not name its id.
std::vector<long> pids_sharing_cgroup(const HostRoot& root, const ProcessCgroups& cgroups, long pid);

/// The id of the container dockcis itself runs in, from <root>/proc/self
/// (cgroup, then the /etc/hostname mount of mountinfo), or from this process's
/// own /proc when the root has none (a copied host tree); "" on the host.
std::string detect_self_container_id(const HostRoot& root);
/// The same for this process's own /proc.
std::string detect_self_container_id();

}  // namespace dockcis::collect
