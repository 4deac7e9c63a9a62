// SPDX-License-Identifier: Apache-2.0
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"

#include <algorithm>
#include <vector>

namespace dockcis::model {
namespace {

using enum FactSource;
using enum FactArgument;

// Host path kinds resolve targets such as ${docker_root} from the engine's
// answer and the daemon's configuration.
constexpr std::array<std::string_view, 3> kTargetInputs{facts::engine_info, facts::daemon_config, facts::daemon_units};

constexpr std::array kKinds{
    FactKind{facts::engine_version, none, "", engine_api, true, {},
             "GET /version: engine version, API version, operating system and components"},
    FactKind{facts::engine_info, none, "", engine_api, true, {},
             "GET /info: daemon-wide settings (security options, logging, live restore, storage driver, swarm state)"},
    FactKind{facts::engine_containers, none, "", engine_api, false, {},
             "GET /containers/json?all=1: every container except dockcis' own, sorted by name; each entry keeps Id, Names, Image, "
             "ImageID, State, Status, Labels, Ports and HostConfig (whole when a check's test reads the list)",
             false, {}, DocumentShape::list},
    FactKind{facts::container_inspect, none, "container", engine_api, false, {facts::engine_containers},
             "GET /containers/{id}/json for each container"},
    FactKind{facts::engine_images, none, "", engine_api, false, {}, "GET /images/json: the local images, sorted by id", false, {},
             DocumentShape::list},
    FactKind{facts::image_inspect, none, "image", engine_api, false, {facts::engine_images}, "GET /images/{id}/json for each image"},
    FactKind{facts::image_history, none, "image", engine_api, false, {facts::engine_images},
             "GET /images/{id}/history for each image: the build steps", false, {}, DocumentShape::list},
    FactKind{facts::engine_networks, none, "", engine_api, false, {}, "GET /networks: the networks, sorted by name", false, {},
             DocumentShape::list},
    FactKind{facts::network_inspect, none, "network", engine_api, false, {facts::engine_networks},
             "GET /networks/{id} for each network"},
    FactKind{facts::engine_bridge, none, "", engine_api, false, {facts::engine_networks, facts::network_inspect},
             "the default bridge network's inspect document ({\"exists\": false} when there is none)"},
    FactKind{facts::engine_swarm, none, "", engine_api, false, {facts::engine_info},
             "swarm state; on an active manager also GET /swarm, GET /nodes and the number of managers"},
    FactKind{facts::daemon_units, none, "", host, false, {},
             "docker.service and docker.socket as systemd loads them: fragment, drop-ins, ExecStart, environment "
             "files, ListenStream, socket owner and mode (a unit file, drop-in directory or drop-in there but "
             "unreadable is an error)"},
    FactKind{facts::daemon_config, none, "", host, false, {facts::daemon_units, facts::engine_info},
             "dockerd's effective options: the running dockerd's flags (or docker.service's ExecStart) merged with the "
             "daemon.json it reads, each option with its source, conflicts, and whether the file changed after dockerd "
             "started",
             true},
    FactKind{facts::host_kernel, none, "", host, true, {}, "kernel release, AppArmor and SELinux state, cgroup version"},
    FactKind{facts::host_identity, none, "", host, true, {}, "hostname, machine id, kernel and operating system name"},
    FactKind{facts::scanner_self, none, "", host, true, {}, "the id of the container dockcis runs in, if any"},
    FactKind{facts::container_processes, none, "container", host, false, {facts::engine_containers, facts::container_inspect},
             "each running container's processes from the host's /proc, found by cgroup (pid, ppid, uid, comm, exe, "
             "args)",
             false, {FieldRead{facts::container_inspect, "/State"}}, DocumentShape::list},
    FactKind{facts::host_file, path, "", host, false, kTargetInputs, "lstat of a path: type, mode, owner and group"},
    FactKind{facts::host_tree, path, "", host, false, kTargetInputs,
             "every entry below a directory (depth and count bounded), with the regular files apart"},
    FactKind{facts::host_mount, path, "", host, false, kTargetInputs,
             "the mount holding a path (from mountinfo): mount point, file system type and source"},
    FactKind{facts::host_audit, path, "", host, false, kTargetInputs,
             "the persistent audit rules (/etc/audit/rules.d/*.rules, /etc/audit/audit.rules) that watch a path, read in the "
             "order they load: the rules in effect, a never rule suppressing them, the -W or -d rules that deleted some"},
    FactKind{facts::host_group, group, "", host, false, {},
             "a group of /etc/group with its gid and members: the users listed on every line of its name or gid and "
             "those whose primary group in /etc/passwd it is, each with the line it came from"},
    FactKind{facts::host_listeners, none, "", host, false, {},
             "the host's listening TCP sockets and bound UDP sockets (asked of the kernel over sock_diag on the live host, "
             "else /proc/net/tcp, tcp6, udp, udp6) with the processes that own them"},
    FactKind{facts::engine_usage, none, "", engine_api, false, {facts::engine_images, facts::engine_containers},
             "the images no container uses and the containers that are not running, from the image and container lists"},
    FactKind{facts::container_image_tag, none, "container", engine_api, false,
             {facts::engine_containers, facts::engine_images, facts::container_inspect},
             "the image reference a container was created from, the image it runs and the image that reference names "
             "locally now",
             false, {FieldRead{facts::container_inspect, "/Config/Image"}, FieldRead{facts::container_inspect, "/Image"}}},
    FactKind{facts::container_main_process, none, "container", host, false,
             {facts::engine_containers, facts::container_inspect},
             "a running container's first process (State.Pid) from the host's /proc: real and effective uid and gid",
             false, {FieldRead{facts::container_inspect, "/State"}}},
    FactKind{facts::image_setuid_files, none, "image", host, false, {facts::engine_images, facts::image_inspect, facts::engine_info},
             "setuid and setgid files in an image's layer directories on the host (overlay2 GraphDriver), each layer "
             "read once, bounded in files and time; unavailable, with the command a reviewer can run, for images in "
             "containerd's image store or a driver without layer directories",
             false, {FieldRead{facts::image_inspect, "/GraphDriver"}}},
};

constexpr std::array kCollections{
    Collection{"containers", facts::engine_containers, "container", false, "every container, created and exited ones included"},
    Collection{"running_containers", facts::engine_containers, "container", true, "running containers only"},
    Collection{"images", facts::engine_images, "image", false, "every local image"},
    Collection{"networks", facts::engine_networks, "network", false, "every network"},
};

}  // namespace

std::span<const FactKind> fact_kinds() { return kKinds; }
std::span<const Collection> collections() { return kCollections; }

std::string_view kind_name_of(std::string_view fact) { return fact.substr(0, fact.find(':')); }

const FactKind* find_fact_kind(std::string_view fact) {
  const auto name = kind_name_of(fact);
  const auto found = std::ranges::find(kKinds, name, &FactKind::name);
  return found == kKinds.end() ? nullptr : &*found;
}

const Collection* find_collection(std::string_view name) {
  const auto found = std::ranges::find(kCollections, name, &Collection::name);
  return found == kCollections.end() ? nullptr : &*found;
}

std::string_view instance_field(const FactKind& kind) { return kind.name.substr(kind.name.find('.') + 1); }

const FactKind* kind_of_key(std::string_view key) {
  // "container/<id>/inspect": the collection, then the field after the last slash.
  const auto first = key.find('/');
  if (first == std::string_view::npos || key.find(':') < first) return find_fact_kind(key);
  const auto collection = key.substr(0, first);
  const auto field = key.substr(key.rfind('/') + 1);
  const auto found = std::ranges::find_if(kKinds, [&](const FactKind& kind) {
    return kind.instance_of == collection && instance_field(kind) == field;
  });
  return found == kKinds.end() ? nullptr : &*found;
}

std::set<std::string> with_dependencies(const std::set<std::string>& facts) {
  std::set<std::string> out(facts);
  std::vector<std::string> pending(facts.begin(), facts.end());
  while (!pending.empty()) {
    const auto fact = std::move(pending.back());
    pending.pop_back();
    const auto* kind = find_fact_kind(fact);
    if (kind == nullptr) continue;
    for (const auto dependency : kind->depends) {
      if (!dependency.empty() && out.emplace(dependency).second) pending.emplace_back(dependency);
    }
  }
  return out;
}

std::vector<std::string_view> collection_order(const std::set<std::string_view>& kinds) {
  std::vector<std::string_view> order;
  // Registry order, each kind once all its wanted dependencies are placed; the
  // registry lists no cycle, so every pass places at least one kind.
  std::vector<std::string_view> left;
  for (const auto& kind : kKinds) {
    if (kinds.contains(kind.name)) left.push_back(kind.name);
  }
  while (!left.empty()) {
    const auto before = left.size();
    for (auto it = left.begin(); it != left.end();) {
      const auto* kind = find_fact_kind(*it);
      const bool ready = std::ranges::all_of(kind->depends, [&](std::string_view dependency) {
        return dependency.empty() || !kinds.contains(dependency) || std::ranges::find(order, dependency) != order.end();
      });
      if (ready) {
        order.push_back(*it);
        it = left.erase(it);
      } else {
        ++it;
      }
    }
    if (left.size() == before) break;
  }
  return order;
}

}  // namespace dockcis::model
