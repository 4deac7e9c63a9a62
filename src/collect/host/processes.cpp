// SPDX-License-Identifier: Apache-2.0
#include "collect/host/processes.hpp"

#include <algorithm>
#include <regex>

#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;

bool all_digits(const std::string& text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::string status_value(const std::string& status, std::string_view name) {
  for (const auto& line : util::split(status, '\n')) {
    if (line.starts_with(name)) return util::trim(line.substr(name.size()));
  }
  return {};
}

}  // namespace

std::string container_id_in(std::string_view text) {
  // docker-<id>.scope (systemd driver), /docker/<id> (cgroupfs), /containers/<id>/ (mountinfo).
  static const std::regex kId(R"((?:docker[-/]|containers/)([0-9a-f]{64}))");
  std::match_results<std::string_view::const_iterator> match;
  if (std::regex_search(text.begin(), text.end(), match, kId)) return match[1].str();
  return {};
}

std::map<std::string, std::vector<long>> pids_by_container(const HostRoot& root) {
  std::map<std::string, std::vector<long>> result;
  const auto entries = root.list_dir("/proc");
  if (!entries) return result;
  for (const auto& pid : *entries) {
    if (!all_digits(pid)) continue;
    const auto cgroup = root.read_text("/proc/" + pid + "/cgroup");
    if (!cgroup) continue;
    const auto id = container_id_in(*cgroup);
    if (!id.empty()) result[id].push_back(std::stol(pid));
  }
  return result;
}

json describe_processes(const HostRoot& root, const std::vector<long>& pids) {
  json processes = json::array();
  for (const long pid : pids) {
    const std::string base = "/proc/" + std::to_string(pid);
    const auto comm = root.read_text(base + "/comm");
    if (!comm) continue;  // exited meanwhile
    const auto status = root.read_text(base + "/status");
    const auto cmdline = root.read_text(base + "/cmdline");
    const auto exe = root.read_link(base + "/exe");
    json args = json::array();
    if (cmdline) {
      for (const auto& arg : util::split(*cmdline, '\0')) {
        if (!arg.empty()) args.push_back(arg);
      }
    }
    const auto uid = util::split_words(status ? status_value(*status, "Uid:") : "");
    const auto ppid = status ? status_value(*status, "PPid:") : "";
    processes.push_back({{"pid", pid},
                         {"ppid", all_digits(ppid) ? json(std::stol(ppid)) : json(nullptr)},
                         {"uid", uid.empty() || !all_digits(uid[0]) ? json(nullptr) : json(std::stol(uid[0]))},
                         {"comm", util::trim(*comm)},
                         {"exe", exe ? json(*exe) : json(nullptr)},
                         {"args", args}});
  }
  return processes;
}

std::vector<long> pids_sharing_cgroup(const HostRoot& root, long pid) {
  std::vector<long> pids;
  const auto wanted = root.read_text("/proc/" + std::to_string(pid) + "/cgroup");
  if (!wanted || wanted->empty()) return pids;
  // The root cgroup is everybody's: then the process alone is all that is known.
  const bool at_root = std::ranges::all_of(util::split(*wanted, '\n'), [](const std::string& line) {
    const auto colon = line.find(':', line.find(':') + 1);
    return line.empty() || colon == std::string::npos || line.substr(colon + 1) == "/";
  });
  if (at_root) return {pid};
  const auto entries = root.list_dir("/proc");
  if (!entries) return pids;
  for (const auto& entry : *entries) {
    if (!all_digits(entry)) continue;
    const auto cgroup = root.read_text("/proc/" + entry + "/cgroup");
    if (cgroup && *cgroup == *wanted) pids.push_back(std::stol(entry));
  }
  std::ranges::sort(pids);
  return pids;
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
