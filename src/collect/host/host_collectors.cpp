// SPDX-License-Identifier: Apache-2.0
#include "collect/host/host_collectors.hpp"
#include "model/fact_names.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collect/deadline.hpp"
#include "collect/host/audit_rules.hpp"
#include "collect/host/daemon_config.hpp"
#include "collect/host/files.hpp"
#include "collect/host/listeners.hpp"
#include "collect/host/processes.hpp"
#include "collect/host/systemd_units.hpp"
#include "collect/host/targets.hpp"
#include "model/container_running.hpp"
#include "util/json_access.hpp"
#include "util/json_pointer.hpp"

namespace dockcis::collect {
namespace {

using model::json;

const HostRoot& root_of(const FactRequest& request) { return *request.sources.root; }

// Whether the container runs (as the checks decide it) and its main pid, 0 when the inspect gives none.
std::pair<bool, long> running_state(const FactRequest& request, const json& entry, const std::string& id) {
  const auto* inspect = request.deps.value(model::instance_key(model::facts::container_inspect, id));
  const auto* pid = inspect != nullptr ? util::find_at(*inspect, "/State/Pid") : nullptr;
  return {model::container_running(entry, inspect), pid != nullptr && pid->is_number_integer() ? pid->get<long>() : 0L};
}

// A rootless Engine API (security option name=rootless) is served by the
// rootless dockerd, whose uid its socket path names: /run/user/<uid>/docker.sock.
DaemonPreference daemon_preference(const FactRequest& request) {
  DaemonPreference preference;
  if (const auto* info = request.deps.value(model::facts::engine_info)) {
    preference.engine_answered = true;
    for (const auto& option : util::get_or(*info, "SecurityOptions", json::array())) {
      if (option.is_string() && option.get<std::string>().starts_with("name=rootless")) preference.rootless = true;
    }
  }
  const auto& socket = request.sources.socket_path;
  constexpr std::string_view kUserRuntime = "/run/user/";
  if (preference.rootless && socket.starts_with(kUserRuntime)) {
    const auto digits = socket.substr(kUserRuntime.size(), socket.find('/', kUserRuntime.size()) - kUserRuntime.size());
    if (!digits.empty() && digits.size() < 10 && digits.find_first_not_of("0123456789") == std::string::npos) {
      preference.uid = std::stol(digits);
    }
  }
  return preference;
}

/// Collects each planned path of a path kind: the target resolved, then `read`.
void each_path(const FactRequest& request, model::FactStore& out, const std::function<model::Fact(const std::string&)>& read) {
  const TargetFacts targets{request.deps.value(model::facts::engine_info),  request.deps.value(model::facts::daemon_config),
                            request.deps.value(model::facts::daemon_units), request.sources.socket_path,
                            model::error_of(request.deps.find(model::facts::daemon_config)),
                            model::error_of(request.deps.find(model::facts::daemon_units))};
  const std::string prefix = std::string(request.kind.name) + ":";
  for (const auto& argument : request.arguments) {
    if (past_deadline(request.sources)) {
      out.set(prefix + argument, std::unexpected(deadline_passed()));
      continue;
    }
    const auto resolved = resolve_target(argument, root_of(request), targets);
    if (!resolved) {
      out.set(prefix + argument, std::unexpected(resolved.error()));
      continue;
    }
    const auto& path = *resolved;
    if (!path) {
      out.set(prefix + argument, json{{"path", nullptr}, {"exists", false}, {"unresolved", true}, {"target", argument},
                                      {"watched", false}, {"entries", json::array()}});
      continue;
    }
    auto fact = read(*path);
    if (fact && argument != *path) (*fact)["target"] = argument;
    out.set(prefix + argument, std::move(fact));
  }
}

}  // namespace

void collect_daemon_units(const FactRequest& request, model::FactStore& out) {
  out.set(request.kind.name, collect_units(root_of(request)));
}

void collect_daemon_config(const FactRequest& request, model::FactStore& out) {
  const auto* units = request.deps.find(model::facts::daemon_units);
  const model::Fact no_units = json::object();
  out.set(request.kind.name, daemon_config_fact(root_of(request), units != nullptr ? *units : no_units, daemon_preference(request)));
}

void collect_host_kernel(const FactRequest& request, model::FactStore& out) { out.set(request.kind.name, kernel_fact(root_of(request))); }

void collect_host_identity(const FactRequest& request, model::FactStore& out) {
  out.set(request.kind.name, identity_fact(root_of(request)));
}

void collect_scanner_self(const FactRequest& request, model::FactStore& out) {
  const auto id = detect_self_container_id(root_of(request));
  out.set(request.kind.name, json{{"container_id", id.empty() ? json(nullptr) : json(id)}});
}

void collect_container_processes(const FactRequest& request, model::FactStore& out) {
  const auto* containers = request.deps.value(model::facts::engine_containers);
  if (containers == nullptr || !containers->is_array()) return;
  const auto& root = root_of(request);
  // Every process's cgroup is read once, and only when a container runs.
  std::optional<ProcessCgroups> cgroups;
  std::set<long> main_pids;
  for (const auto& entry : *containers) {
    const std::string id = util::get_or(entry, "Id", "");
    const auto key = model::instance_key(request.kind.name, id);
    if (past_deadline(request.sources)) {
      out.set(key, std::unexpected(deadline_passed()));
      continue;
    }
    const auto [running, main_pid] = running_state(request, entry, id);
    if (!running) {
      out.set(key, json::array());
      continue;
    }
    if (!cgroups) cgroups = read_process_cgroups(root);
    std::vector<long> pids;
    if (const auto found = cgroups->by_container.find(id); found != cgroups->by_container.end()) pids = found->second;
    // A cgroup path that does not name the id (another cgroup driver): the
    // main process's cgroup does. Two containers never share a main process;
    // an engine that says so would have one cgroup's processes described again
    // for each container that claims it.
    if (pids.empty() && main_pid > 0) {
      if (!main_pids.insert(main_pid).second) {
        out.set(key, std::unexpected(model::Unavailable{"the engine gives running container " + id.substr(0, 12) + " the main process " +
                                                            std::to_string(main_pid) + ", which it gives another container too",
                                                        model::ErrorKind::malformed_answer}));
        continue;
      }
      pids = pids_sharing_cgroup(root, *cgroups, main_pid);
    }
    if (pids.empty()) {
      // A running container always has processes; none visible means we cannot see the host's /proc.
      out.set(key, std::unexpected(model::Unavailable{"no processes of running container " + id.substr(0, 12) + " found under " +
                                                          root.resolve("/proc").string() +
                                                          " (run on the host, or give --root the host's /proc)",
                                                      model::ErrorKind::not_visible}));
      continue;
    }
    auto processes = describe_processes(root, pids);
    if (processes.empty()) {
      out.set(key, std::unexpected(model::Unavailable{"every process of running container " + id.substr(0, 12) +
                                                          " exited while it was read; its processes are unknown",
                                                      model::ErrorKind::not_found}));
      continue;
    }
    out.set(key, std::move(processes));
  }
}

void collect_host_file(const FactRequest& request, model::FactStore& out) {
  const auto names = read_name_maps(root_of(request));
  each_path(request, out, [&](const std::string& path) { return file_fact(root_of(request), names, path); });
}

void collect_host_tree(const FactRequest& request, model::FactStore& out) {
  const auto names = read_name_maps(root_of(request));
  each_path(request, out, [&](const std::string& path) { return tree_fact(root_of(request), names, path); });
}

void collect_host_mount(const FactRequest& request, model::FactStore& out) {
  each_path(request, out, [&](const std::string& path) { return mount_fact(root_of(request), path); });
}

// The persistent rules are read once, whatever number of paths ask.
void collect_host_audit(const FactRequest& request, model::FactStore& out) {
  std::vector<std::string> files;
  const auto rules = read_audit_rules(root_of(request), files);
  each_path(request, out, [&](const std::string& path) -> model::Fact {
    if (!rules) return std::unexpected(rules.error());
    return audit_document(*rules, files, path);
  });
}

void collect_host_group(const FactRequest& request, model::FactStore& out) {
  for (const auto& name : request.arguments) out.set(std::string(request.kind.name) + ":" + name, group_fact(root_of(request), name));
}

void collect_host_listeners(const FactRequest& request, model::FactStore& out) {
  out.set(request.kind.name, listeners_fact(root_of(request)));
}

}  // namespace dockcis::collect
