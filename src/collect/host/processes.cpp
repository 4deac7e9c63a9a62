// SPDX-License-Identifier: Apache-2.0
#include "collect/host/processes.hpp"

#include <algorithm>

#include "collect/host/container_dirs.hpp"
#include "collect/host/proc.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;

}  // namespace

std::string container_id_in(std::string_view text) {
  // docker-<id>.scope (systemd driver), /docker/<id> (cgroupfs), /containers/<id>/ (mountinfo).
  constexpr std::string_view kPrefixes[] = {"docker-", "docker/", "containers/"};
  std::size_t best = std::string_view::npos;
  for (const auto prefix : kPrefixes) {
    for (auto at = text.find(prefix); at != std::string_view::npos; at = text.find(prefix, at + 1)) {
      const auto id = text.substr(at + prefix.size(), 64);
      if (full_container_id(id) && at + prefix.size() < best) best = at + prefix.size();
    }
  }
  return best == std::string_view::npos ? std::string() : std::string(text.substr(best, 64));
}

ProcessCgroups read_process_cgroups(const HostRoot& root) {
  ProcessCgroups result;
  for (const long pid : list_pids(root)) {
    auto cgroup = root.read_text("/proc/" + std::to_string(pid) + "/cgroup");
    if (!cgroup) continue;
    const auto id = container_id_in(*cgroup);
    if (!id.empty()) result.by_container[id].push_back(pid);
    result.by_cgroup[std::move(*cgroup)].push_back(pid);
  }
  return result;
}

json describe_processes(const HostRoot& root, const std::vector<long>& pids) {
  json processes = json::array();
  for (const long pid : pids) {
    const std::string base = "/proc/" + std::to_string(pid);
    const auto comm = root.read_text(base + "/comm");
    // Exited meanwhile is no process; one whose name cannot be read is
    // listed without it (null), and a check reading the name is an error.
    if (!comm && comm.error().kind == ProbeError::Kind::not_found) continue;
    const auto status = root.read_text(base + "/status");
    const auto cmdline = root.read_text(base + "/cmdline");
    const auto exe = root.read_link(base + "/exe");
    json args = json::array();
    if (cmdline) {
      for (auto& arg : split_nul(*cmdline)) {
        if (!arg.empty()) args.push_back(std::move(arg));
      }
    }
    const auto uid = status ? status_uid(*status) : std::nullopt;
    const auto ppid = status ? status_field(*status, "PPid:") : "";
    processes.push_back({{"pid", pid},
                         {"ppid", all_digits(ppid) && ppid.size() < 12 ? json(std::stol(ppid)) : json(nullptr)},
                         {"uid", uid ? json(*uid) : json(nullptr)},
                         {"comm", comm ? json(util::trim(*comm)) : json(nullptr)},
                         {"exe", exe ? json(*exe) : json(nullptr)},
                         {"args", args}});
  }
  return processes;
}

std::vector<long> pids_sharing_cgroup(const HostRoot& root, const ProcessCgroups& cgroups, long pid) {
  const auto wanted = root.read_text("/proc/" + std::to_string(pid) + "/cgroup");
  if (!wanted || wanted->empty()) return {};
  // The root cgroup is everybody's: then the process alone is all that is known.
  const bool at_root = std::ranges::all_of(util::split(*wanted, '\n'), [](const std::string& line) {
    const auto colon = line.find(':', line.find(':') + 1);
    return line.empty() || colon == std::string::npos || line.substr(colon + 1) == "/";
  });
  if (at_root) return {pid};
  const auto found = cgroups.by_cgroup.find(*wanted);
  return found != cgroups.by_cgroup.end() ? found->second : std::vector<long>{};
}

std::string detect_self_container_id(const HostRoot& root) {
  const auto cgroup = root.read_text("/proc/self/cgroup");
  if (cgroup) {
    if (auto id = container_id_in(*cgroup); !id.empty()) return id;
  }
  const auto mountinfo = root.read_text("/proc/self/mountinfo");
  if (mountinfo) {
    // Docker bind-mounts /var/lib/docker/containers/<id>/hostname onto /etc/hostname.
    for (const auto& line : util::split(*mountinfo, '\n')) {
      if (line.find("/etc/hostname") == std::string::npos && line.find("/etc/hosts") == std::string::npos) continue;
      if (auto id = container_id_in(line); !id.empty()) return id;
    }
  }
  const bool root_has_proc = cgroup || mountinfo;
  if (!root_has_proc && root.root() != "/" && !root.root().empty()) return detect_self_container_id();
  return {};
}

std::string detect_self_container_id() { return detect_self_container_id(HostRoot("/")); }

}  // namespace dockcis::collect
