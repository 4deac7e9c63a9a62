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

std::string display_name(const json& entry) {
  const auto names = entry.value("Names", json::array());
  if (names.is_array() && !names.empty() && names[0].is_string()) {
    auto name = names[0].get<std::string>();
    return name.starts_with('/') ? name.substr(1) : name;
  }
  return entry.value("Id", std::string()).substr(0, 12);
}

// The Engine API lists in no stable order; reports must be deterministic.
void sort_by(json& list, const std::function<std::string(const json&)>& key) {
  std::stable_sort(list.begin(), list.end(), [&](const json& a, const json& b) { return key(a) < key(b); });
}

bool is_self(const std::string& id, const std::string& self) { return !self.empty() && (id == self || id.starts_with(self)); }

// Inspects a list of instances concurrently; a 404 means the object went away
// between the list and the inspect.
void inspect_all(DockerApi& api, const json& list, const char* collection, const char* path_prefix,
                 const char* path_suffix, const char* field, model::FactStore& store) {
  std::vector<std::string> paths;
  for (const auto& entry : list) paths.push_back(std::string(path_prefix) + entry.value("Id", "") + path_suffix);
  auto results = api.get_many(paths);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& entry = list[i];
    const auto id = entry.value("Id", std::string());
    if (!results[i] && results[i].error().http_status == 404) {
      store.set(model::instance_key(collection, id, field),
                std::unexpected(model::Unavailable{std::string(collection) + " " +
                                                   (std::string(collection) == "container" ? display_name(entry) : id.substr(0, 19)) +
                                                   " was removed during the scan"}));
      continue;
    }
    store.set(model::instance_key(collection, id, field), as_fact(std::move(results[i])));
  }
}

void collect_containers(DockerApi& api, const EngineNeeds& needs, const std::string& self, model::FactStore& store) {
  auto listed = api.get("/containers/json?all=1");
  if (!listed || !listed->is_array()) {
    store.set("engine.containers", listed ? model::Fact(std::unexpected(model::Unavailable{"GET /containers/json: not a list"}))
                                          : as_fact(std::move(listed)));
    return;
  }
  json containers = json::array();
  for (auto& entry : *listed) {
    if (!is_self(entry.value("Id", ""), self)) containers.push_back(std::move(entry));
  }
  sort_by(containers, display_name);
  if (needs.container_inspect) inspect_all(api, containers, "container", "/containers/", "/json", "inspect", store);
  store.set("engine.containers", std::move(containers));
}

void collect_images(DockerApi& api, const EngineNeeds& needs, model::FactStore& store) {
  auto listed = api.get("/images/json");
  if (!listed || !listed->is_array()) {
    store.set("engine.images", listed ? model::Fact(std::unexpected(model::Unavailable{"GET /images/json: not a list"}))
                                      : as_fact(std::move(listed)));
    return;
  }
  sort_by(*listed, [](const json& image) { return image.value("Id", std::string()); });
  if (needs.image_inspect) inspect_all(api, *listed, "image", "/images/", "/json", "inspect", store);
  if (needs.image_history) inspect_all(api, *listed, "image", "/images/", "/history", "history", store);
  store.set("engine.images", std::move(*listed));
}

void collect_networks(DockerApi& api, const EngineNeeds& needs, model::FactStore& store) {
  auto listed = api.get("/networks");
  if (!listed || !listed->is_array()) {
    const model::Fact failure = listed ? model::Fact(std::unexpected(model::Unavailable{"GET /networks: not a list"}))
                                       : as_fact(std::move(listed));
    store.set("engine.networks", failure);
    store.set("engine.bridge", failure);
    return;
  }
  sort_by(*listed, [](const json& network) { return network.value("Name", std::string()); });
  if (needs.network_inspect) inspect_all(api, *listed, "network", "/networks/", "", "inspect", store);
  // The default bridge, where CIS 2.2 reads the live icc setting. Its
  // inspect (with Containers) is preferred over the list entry.
  json bridge{{"exists", false}};
  for (const auto& entry : *listed) {
    if (entry.value("Name", "") != "bridge") continue;
    const auto* inspected = store.find(model::instance_key("network", entry.value("Id", ""), "inspect"));
    bridge = inspected != nullptr && *inspected ? **inspected : entry;
    bridge["exists"] = true;
  }
  store.set("engine.bridge", std::move(bridge));
  store.set("engine.networks", std::move(*listed));
}

void collect_swarm(DockerApi& api, const json& info, model::FactStore& store) {
  const auto swarm = info.value("Swarm", json::object());
  const bool active = swarm.value("LocalNodeState", "") == "active";
  const bool manager = swarm.value("ControlAvailable", false);
  if (!active || !manager) {
    store.set("engine.swarm", json{{"active", active}, {"manager", manager}});
    return;
  }
  auto cluster = api.get("/swarm");
  auto nodes = api.get("/nodes");
  if (!cluster || !nodes) {
    store.set("engine.swarm", std::unexpected(model::Unavailable{!cluster ? cluster.error().message : nodes.error().message}));
    return;
  }
  int managers = 0;
  for (const auto& node : *nodes) {
    if (node.contains("ManagerStatus")) ++managers;
  }
  store.set("engine.swarm", json{{"active", true}, {"manager", true}, {"swarm", *cluster}, {"nodes", *nodes}, {"managers", managers}});
}

}  // namespace

std::expected<void, ApiError> collect_engine_facts(DockerApi& api, const EngineNeeds& needs,
                                                   const std::string& self_container_id, model::FactStore& store) {
  auto negotiated = api.negotiate();
  if (!negotiated) return std::unexpected(negotiated.error());
  store.meta["api_version"] = *negotiated;
  store.meta["docker_socket"] = api.socket_path();

  auto version = api.get("/version");
  if (!version && version.error().kind != ApiError::Kind::http && version.error().kind != ApiError::Kind::malformed) {
    return std::unexpected(version.error());
  }
  store.set("engine.version", as_fact(std::move(version)));
  auto info = api.get("/info");
  const json info_document = info ? *info : json::object();
  store.set("engine.info", as_fact(std::move(info)));

  if (needs.containers || needs.container_inspect) collect_containers(api, needs, self_container_id, store);
  if (needs.images || needs.image_inspect || needs.image_history) collect_images(api, needs, store);
  if (needs.networks || needs.network_inspect) collect_networks(api, needs, store);
  if (needs.swarm) collect_swarm(api, info_document, store);
  return {};
}

}  // namespace dockcis::collect
