// SPDX-License-Identifier: Apache-2.0
#include "collect/host/host_facts.hpp"

#include <optional>

#include "collect/host/audit_rules.hpp"
#include "collect/host/daemon_config.hpp"
#include "collect/host/files.hpp"
#include "collect/host/processes.hpp"
#include "collect/host/systemd_units.hpp"
#include "collect/host/targets.hpp"

namespace dockcis::collect {
namespace {

using model::json;

/// Loads the persistent audit rules once, whatever number of paths ask.
class AuditRules {
 public:
  explicit AuditRules(const HostRoot& root) : root_(root) {}
  model::Fact document(const std::string& path) {
    if (!loaded_) {
      rules_ = read_audit_rules(root_, files_);
      loaded_ = true;
    }
    if (!rules_) return std::unexpected(model::Unavailable{rules_.error()});
    return audit_document(*rules_, files_, path);
  }

 private:
  const HostRoot& root_;
  bool loaded_ = false;
  std::expected<std::vector<AuditRule>, std::string> rules_;
  std::vector<std::string> files_;
};

const json* value_of(const model::FactStore& store, std::string_view key) {
  const auto* fact = store.find(key);
  return fact != nullptr && *fact ? &**fact : nullptr;
}

// Running state and main pid: from the inspect document when there is one
// (it is the fresher), else from the list entry.
std::pair<bool, long> running_state(const model::FactStore& store, const json& entry, const std::string& id) {
  if (const auto* inspect = value_of(store, model::instance_key("container", id, "inspect"))) {
    const auto state = inspect->value("State", json::object());
    if (state.is_object() && state.contains("Running")) {
      const auto pid = state.value("Pid", json());
      return {state["Running"] == true, pid.is_number_integer() ? pid.get<long>() : 0L};
    }
  }
  return {entry.value("State", "") == "running", 0L};
}

void collect_container_processes(const HostRoot& root, model::FactStore& store) {
  const auto* containers = value_of(store, "engine.containers");
  if (containers == nullptr || !containers->is_array()) return;
  const auto by_container = pids_by_container(root);
  for (const auto& entry : *containers) {
    const std::string id = entry.value("Id", "");
    const auto key = model::instance_key("container", id, "processes");
    const auto [running, main_pid] = running_state(store, entry, id);
    if (!running) {
      store.set(key, json::array());
      continue;
    }
    std::vector<long> pids;
    if (const auto found = by_container.find(id); found != by_container.end()) pids = found->second;
    // A cgroup path that does not name the id (another cgroup driver): the main process's cgroup does.
    if (pids.empty() && main_pid > 0) pids = pids_sharing_cgroup(root, main_pid);
    if (pids.empty()) {
      // A running container always has processes; none visible means we cannot see the host's /proc.
      store.set(key, std::unexpected(model::Unavailable{"no processes of running container " + id.substr(0, 12) +
                                                        " found under " + root.resolve("/proc").string() +
                                                        " (run on the host, or give --root the host's /proc)"}));
      continue;
    }
    store.set(key, describe_processes(root, pids));
  }
}

// A rootless Engine API (security option name=rootless) is served by the
// rootless dockerd, whose uid its socket path names: /run/user/<uid>/docker.sock.
DaemonPreference daemon_preference(const model::FactStore& store) {
  DaemonPreference preference;
  if (const auto* info = value_of(store, "engine.info")) {
    for (const auto& option : info->value("SecurityOptions", json::array())) {
      if (option.is_string() && option.get<std::string>().starts_with("name=rootless")) preference.rootless = true;
    }
  }
  const auto socket = store.meta.value("docker_socket", std::string());
  constexpr std::string_view kUserRuntime = "/run/user/";
  if (preference.rootless && socket.starts_with(kUserRuntime)) {
    const auto digits = socket.substr(kUserRuntime.size(), socket.find('/', kUserRuntime.size()) - kUserRuntime.size());
    if (!digits.empty() && digits.size() < 10 && digits.find_first_not_of("0123456789") == std::string::npos) {
      preference.uid = std::stol(digits);
    }
  }
  return preference;
}

}  // namespace

void collect_host_facts(const HostRoot& root, const std::set<std::string>& wanted, model::FactStore& store) {
  // Targets read the daemon configuration and units: collect them first, always.
  const auto units = collect_units(root);
  store.set("daemon.config", collect_daemon_config(root, units, daemon_preference(store)));
  store.set("daemon.units", units);
  if (wanted.contains("host.kernel")) store.set("host.kernel", kernel_fact(root));
  if (wanted.contains("host.identity")) store.set("host.identity", identity_fact(root));
  if (wanted.contains("scanner.self")) {
    const auto id = detect_self_container_id(root);
    store.set("scanner.self", json{{"container_id", id.empty() ? json(nullptr) : json(id)}});
  }
  if (wanted.contains("container.processes")) collect_container_processes(root, store);

  const auto names = read_name_maps(root);
  AuditRules audit(root);
  for (const auto& key : wanted) {
    const auto colon = key.find(':');
    if (colon == std::string::npos) continue;
    const std::string kind = key.substr(0, colon);
    const std::string argument = key.substr(colon + 1);
    if (kind == "host.group") {
      store.set(key, group_fact(root, argument));
      continue;
    }
    const auto path = resolve_target(argument, root, store);
    if (!path) {
      store.set(key, json{{"path", nullptr}, {"exists", false}, {"unresolved", true}, {"target", argument},
                          {"watched", false}, {"entries", json::array()}});
      continue;
    }
    model::Fact fact = std::unexpected(model::Unavailable{"unknown fact kind " + kind});
    if (kind == "host.file") fact = file_fact(root, names, *path);
    else if (kind == "host.tree") fact = tree_fact(root, names, *path);
    else if (kind == "host.mount") fact = mount_fact(root, *path);
    else if (kind == "host.audit") fact = audit.document(*path);
    if (fact && argument != *path) (*fact)["target"] = argument;
    store.set(key, std::move(fact));
  }
}

}  // namespace dockcis::collect
