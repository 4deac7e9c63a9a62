// SPDX-License-Identifier: Apache-2.0
#include "collect/host/targets.hpp"
#include "model/fact_names.hpp"
#include "util/json_access.hpp"

#include <array>
#include <vector>

namespace dockcis::collect {
namespace {

using model::json;

json daemon_option(const TargetFacts& facts, const std::string& name) {
  const auto* config = facts.config;
  if (config == nullptr) return nullptr;
  const json::json_pointer pointer("/options/" + name + "/value");
  return config->contains(pointer) ? config->at(pointer) : json(nullptr);
}

bool has_security_option(const TargetFacts& facts, std::string_view option) {
  const auto* info = facts.info;
  if (info == nullptr) return false;
  for (const auto& entry : util::get_or(*info, "SecurityOptions", json::array())) {
    if (entry.is_string() && entry.get<std::string>().starts_with(option)) return true;
  }
  return false;
}

std::string parent_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::optional<std::string> docker_root(const TargetFacts& facts) {
  std::string path;
  if (const auto* info = facts.info) path = util::get_or(*info, "DockerRootDir", "");
  if (path.empty()) {
    const auto configured = daemon_option(facts, "data-root");
    path = configured.is_string() ? configured.get<std::string>() : "/var/lib/docker";
  }
  // With userns-remap the root is <data-root>/<uid>.<gid>; the partition is the parent's.
  if (has_security_option(facts, "name=userns")) path = parent_of(path);
  return path;
}

// The daemon's own unix socket, as the host names it: a -H/hosts unix socket
// (the one the API was read through when several), the socket unit's
// ListenStream, the socket the API was read from, dockerd's default.
std::optional<std::string> docker_socket(const TargetFacts& facts) {
  const auto& api_socket = facts.api_socket;
  std::vector<std::string> configured;
  const auto hosts = daemon_option(facts, "hosts");
  if (hosts.is_array()) {
    for (const auto& host : hosts) {
      const auto text = host.is_string() ? host.get<std::string>() : std::string();
      if (text.starts_with("unix:///")) configured.push_back(text.substr(7));
    }
  }
  if (!configured.empty()) {
    for (const auto& path : configured) {
      if (path == api_socket) return path;
    }
    return configured.front();
  }
  if (const auto* units = facts.units) {
    for (const auto& listen : util::get_or(*units, "/docker.socket/listen_stream"_json_pointer, json::array())) {
      if (listen.is_string() && listen.get<std::string>().starts_with('/')) return listen.get<std::string>();
    }
  }
  if (api_socket.starts_with('/')) return api_socket;
  return std::string("/var/run/docker.sock");
}

std::optional<std::string> containerd_socket(const HostRoot& root, const TargetFacts& facts) {
  if (const auto* info = facts.info) {
    const json::json_pointer address("/Containerd/Address");
    if (info->contains(address) && info->at(address).is_string() && !info->at(address).get<std::string>().empty()) {
      return info->at(address).get<std::string>();
    }
  }
  const auto configured = daemon_option(facts, "containerd");
  if (configured.is_string() && !configured.get<std::string>().empty()) return configured.get<std::string>();
  // Without a system containerd, dockerd supervises its own under its exec root.
  const std::string system_socket = "/run/containerd/containerd.sock";
  const std::string managed_socket = "/var/run/docker/containerd/containerd.sock";
  if (!root.lstat(system_socket) && root.lstat(managed_socket)) return managed_socket;
  return system_socket;
}

// dockerd's defaults for --tlsverify without paths: ~/.docker/{ca,cert,key}.pem of the daemon's user (root).
std::optional<std::string> tls_file(const TargetFacts& facts, const std::string& option) {
  const auto configured = daemon_option(facts, option);
  if (configured.is_string() && !configured.get<std::string>().empty()) return configured.get<std::string>();
  const auto verify = daemon_option(facts, "tlsverify");
  const auto tls = daemon_option(facts, "tls");
  if (verify != true && tls != true) return std::nullopt;
  const std::string file = option == "tlscacert" ? "ca.pem" : option == "tlscert" ? "cert.pem" : "key.pem";
  return "/root/.docker/" + file;
}

std::optional<std::string> binary(const std::string& name, const HostRoot& root, const TargetFacts& facts) {
  if (name == "dockerd") {
    if (const auto* config = facts.config) {
      const json::json_pointer exe("/process/exe");
      const json::json_pointer from_unit("/process/from_unit");
      if (config->contains(exe) && config->at(exe).is_string() && !config->contains(from_unit)) return config->at(exe).get<std::string>();
    }
  }
  for (const auto* dir : {"/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/usr/local/sbin/", "/bin/", "/sbin/"}) {
    const std::string candidate = dir + name;
    if (root.lstat(candidate)) return candidate;
  }
  return "/usr/bin/" + name;
}

std::unexpected<model::Unavailable> unknown(const std::string& path, const std::string& source, const model::Unavailable& error) {
  return std::unexpected(model::Unavailable{"the path " + path + " is unknown: " + source + " could not be read: " + error.reason, error.kind});
}

}  // namespace

TargetFacts target_facts(const model::FactStore& store) {
  return {store.value(model::facts::engine_info),          store.value(model::facts::daemon_config),
          store.value(model::facts::daemon_units),         util::get_or(store.meta, "docker_socket", std::string()),
          model::error_of(store.find(model::facts::daemon_config)), model::error_of(store.find(model::facts::daemon_units))};
}

ResolvedTarget resolve_target(const std::string& path, const HostRoot& root, const TargetFacts& facts) {
  if (!path.starts_with("${") || !path.ends_with('}')) return path;
  const std::string target = path.substr(2, path.size() - 3);
  const auto colon = target.find(':');
  const std::string kind = target.substr(0, colon);
  const std::string argument = colon == std::string::npos ? "" : target.substr(colon + 1);
  if (kind == "unit") {
    if (facts.units_error != nullptr) return unknown(path, "the systemd units", *facts.units_error);
    const auto* units = facts.units;
    if (units == nullptr || !units->contains(argument)) return std::nullopt;
    const auto& fragment = units->at(argument).value("fragment_path", json());
    return fragment.is_string() ? std::optional(fragment.get<std::string>()) : std::nullopt;
  }
  if (kind == "docker_root") {
    if (facts.info == nullptr && facts.config_error != nullptr) return unknown(path, "neither the engine's info nor dockerd's configuration", *facts.config_error);
    return docker_root(facts);
  }
  if (kind == "daemon_json") {
    if (facts.config_error != nullptr) return unknown(path, "dockerd's configuration", *facts.config_error);
    const auto* config = facts.config;
    if (config == nullptr) return "/etc/docker/daemon.json";
    return util::get_or(*config, "/config_file/path"_json_pointer, std::string("/etc/docker/daemon.json"));
  }
  if (kind == "daemon" && facts.config_error != nullptr) return unknown(path, "dockerd's configuration", *facts.config_error);
  if (kind == "docker_socket") return docker_socket(facts);
  if (kind == "containerd_socket") return containerd_socket(root, facts);
  if (kind == "daemon") return tls_file(facts, argument);
  if (kind == "bin") return binary(argument, root, facts);
  return std::nullopt;
}

}  // namespace dockcis::collect
