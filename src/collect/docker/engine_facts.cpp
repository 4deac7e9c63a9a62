// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/engine_facts.hpp"

#include <algorithm>
#include <functional>

namespace dockcis::collect {
namespace {

using model::json;

model::Fact as_fact(std::expected<json, ApiError> result) {
  if (result) return std::move(*result);
  return std::unexpected(model::Unavailable{result.error().message});
}

std::string string_at(const json& document, const char* field) {
  const auto found = document.find(field);
  return found != document.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// How a user recognises a listed object: a container's name, an image's
// first tag, a network's name; else the short id.
std::string display_name(std::string_view collection, const json& entry) {
  const auto first_string = [&](const char* field) -> std::string {
    const auto found = entry.find(field);
    if (found == entry.end() || !found->is_array() || found->empty() || !(*found)[0].is_string()) return "";
    return (*found)[0].get<std::string>();
  };
  std::string name;
  if (collection == "container") {
    name = first_string("Names");
    if (name.starts_with('/')) name.erase(0, 1);
  } else if (collection == "image") {
    name = first_string("RepoTags");
    if (name == "<none>:<none>") name.clear();
  } else if (entry.contains("Name") && entry["Name"].is_string()) {
    name = entry["Name"].get<std::string>();
  }
  if (!name.empty()) return name;
  auto id = string_at(entry, "Id");
  if (id.starts_with("sha256:")) id.erase(0, 7);
  return id.substr(0, 12);
}

// The Engine API lists in no stable order; reports must be deterministic.
void sort_by(json& list, const std::function<std::string(const json&)>& key) {
  std::stable_sort(list.begin(), list.end(), [&](const json& a, const json& b) { return key(a) < key(b); });
}

bool is_self(const std::string& id, const std::string& self) { return !self.empty() && (id == self || id.starts_with(self)); }

enum class Shape { object, array };

// A document of the wrong JSON type would mislead the checks that read it.
model::Fact shaped(std::expected<json, ApiError> result, Shape shape, const std::string& path) {
  if (result && (shape == Shape::object ? !result->is_object() : !result->is_array())) {
    return std::unexpected(model::Unavailable{"GET " + path + ": malformed answer: not a JSON " +
                                              (shape == Shape::object ? "object" : "array")});
  }
  return as_fact(std::move(result));
}

// Inspects a list of instances concurrently; a 404 means the object went away
// between the list and the inspect.
void inspect_all(DockerApi& api, const json& list, std::string_view collection, const std::string& path_prefix,
                 const std::string& path_suffix, std::string_view field, Shape shape, model::FactStore& store) {
  std::vector<std::string> paths;
  for (const auto& entry : list) paths.push_back(path_prefix + entry["Id"].get<std::string>() + path_suffix);
  auto results = api.get_many(paths);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& entry = list[i];
    const auto key = model::instance_key(collection, entry["Id"].get<std::string>(), field);
    if (!results[i] && results[i].error().http_status == 404) {
      store.set(key, std::unexpected(model::Unavailable{std::string(collection) + " " + display_name(collection, entry) +
                                                        " was removed during the scan"}));
      continue;
    }
    store.set(key, shaped(std::move(results[i]), shape, paths[i]));
  }
}

// A list whose entries are not objects with a string Id cannot be walked
// safely: the whole list is unavailable rather than half read.
model::Fact as_list(std::expected<json, ApiError> result, std::string_view path, const char* id_field = "Id") {
  if (!result) return as_fact(std::move(result));
  const bool well_formed = result->is_array() && std::ranges::all_of(*result, [&](const json& entry) {
    return entry.is_object() && entry.contains(id_field) && entry[id_field].is_string();
  });
  if (!well_formed) {
    return std::unexpected(model::Unavailable{"GET " + std::string(path) + ": malformed answer: not a list of objects with an " +
                                              id_field});
  }
  return std::move(*result);
}

void collect_containers(DockerApi& api, const EngineNeeds& needs, const std::string& self, model::FactStore& store) {
  auto listed = as_list(api.get("/containers/json?all=1"), "/containers/json?all=1");
  if (!listed) {
    store.set("engine.containers", std::move(listed));
    return;
  }
  json containers = json::array();
  for (auto& entry : *listed) {
    if (!is_self(entry["Id"].get<std::string>(), self)) containers.push_back(std::move(entry));
  }
  sort_by(containers, [](const json& entry) { return display_name("container", entry); });
  if (needs.container_inspect) inspect_all(api, containers, "container", "/containers/", "/json", "inspect", Shape::object, store);
  store.set("engine.containers", std::move(containers));
}

void collect_images(DockerApi& api, const EngineNeeds& needs, model::FactStore& store) {
  auto listed = as_list(api.get("/images/json"), "/images/json");
  if (!listed) {
    store.set("engine.images", std::move(listed));
    return;
  }
  sort_by(*listed, [](const json& image) { return image["Id"].get<std::string>(); });
  if (needs.image_inspect) inspect_all(api, *listed, "image", "/images/", "/json", "inspect", Shape::object, store);
  if (needs.image_history) inspect_all(api, *listed, "image", "/images/", "/history", "history", Shape::array, store);
  store.set("engine.images", std::move(*listed));
}

void collect_networks(DockerApi& api, const EngineNeeds& needs, model::FactStore& store) {
  auto listed = as_list(api.get("/networks"), "/networks");
  if (!listed) {
    store.set("engine.bridge", listed);
    store.set("engine.networks", std::move(listed));
    return;
  }
  sort_by(*listed, [](const json& network) { return string_at(network, "Name"); });
  if (needs.network_inspect) inspect_all(api, *listed, "network", "/networks/", "", "inspect", Shape::object, store);
  // The default bridge, where CIS 2.2 reads the live icc setting. Its
  // inspect (with Containers) is preferred over the list entry.
  json bridge{{"exists", false}};
  for (const auto& entry : *listed) {
    if (string_at(entry, "Name") != "bridge") continue;
    const auto* inspected = store.find(model::instance_key("network", entry["Id"].get<std::string>(), "inspect"));
    bridge = inspected != nullptr && *inspected && (*inspected)->is_object() ? **inspected : entry;
    bridge["exists"] = true;
  }
  store.set("engine.bridge", std::move(bridge));
  store.set("engine.networks", std::move(*listed));
}

// /swarm and /nodes are read only on an active manager: elsewhere the daemon
// refuses them, and the checks are not applicable.
void collect_swarm(DockerApi& api, const model::Fact& info, model::FactStore& store) {
  if (!info) {
    store.set("engine.swarm", std::unexpected(info.error()));
    return;
  }
  const auto found = info->find("Swarm");
  const json swarm = found != info->end() && found->is_object() ? *found : json::object();
  const bool active = string_at(swarm, "LocalNodeState") == "active";
  const bool manager = swarm.contains("ControlAvailable") && swarm["ControlAvailable"] == true;
  if (!active || !manager) {
    store.set("engine.swarm", json{{"active", active}, {"manager", manager}});
    return;
  }
  auto cluster = shaped(api.get("/swarm"), Shape::object, "/swarm");
  auto nodes = as_list(api.get("/nodes"), "/nodes", "ID");
  if (!cluster || !nodes) {
    store.set("engine.swarm", std::unexpected(!cluster ? cluster.error() : nodes.error()));
    return;
  }
  const auto managers = std::ranges::count_if(*nodes, [](const json& node) { return node.contains("ManagerStatus"); });
  store.set("engine.swarm",
            json{{"active", true}, {"manager", true}, {"swarm", *cluster}, {"nodes", *nodes}, {"managers", managers}});
}

}  // namespace

std::expected<void, ApiError> collect_engine_facts(DockerApi& api, const EngineNeeds& needs,
                                                   const std::string& self_container_id, model::FactStore& store) {
  const auto reachable = [](const ApiError& error) {
    return error.kind == ApiError::Kind::http || error.kind == ApiError::Kind::malformed;
  };
  auto negotiated = api.negotiate();
  // A daemon that answers but will not tell its version is read unversioned,
  // in its own version; only an unreachable one stops the run.
  if (!negotiated && !reachable(negotiated.error())) return std::unexpected(negotiated.error());
  store.meta["api_version"] = negotiated ? json(*negotiated) : json(nullptr);
  store.meta["docker_socket"] = api.socket_path();

  auto version = api.version_answer() ? *api.version_answer() : api.get("/version");
  if (!version && !reachable(version.error())) return std::unexpected(version.error());
  store.set("engine.version", shaped(std::move(version), Shape::object, "/version"));
  const model::Fact info = shaped(api.get("/info"), Shape::object, "/info");
  store.set("engine.info", info);

  if (needs.containers || needs.container_inspect) collect_containers(api, needs, self_container_id, store);
  if (needs.images || needs.image_inspect || needs.image_history) collect_images(api, needs, store);
  if (needs.networks || needs.network_inspect) collect_networks(api, needs, store);
  if (needs.swarm) collect_swarm(api, info, store);
  return {};
}

}  // namespace dockcis::collect
