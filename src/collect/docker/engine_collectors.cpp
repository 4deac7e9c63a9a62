// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/engine_collectors.hpp"
#include "model/fact_names.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

#include "collect/deadline.hpp"
#include "collect/docker/capped_list.hpp"
#include "collect/docker/engine_session.hpp"
#include "collect/docker/object_id.hpp"
#include "collect/host/container_dirs.hpp"
#include "model/listed_name.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

DockerApi& api_of(const FactRequest& request) { return request.sources.engine->api(); }

std::string string_at(const json& document, const char* field) {
  const auto found = document.find(field);
  return found != document.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The Engine API lists in no stable order; reports must be deterministic.
// Equal keys (two names cut alike, two networks of one name) go by Id.
void sort_by(json& list, const std::function<std::string(const json&)>& key) {
  std::stable_sort(list.begin(), list.end(), [&](const json& a, const json& b) {
    const auto key_a = key(a);
    const auto key_b = key(b);
    return key_a != key_b ? key_a < key_b : string_at(a, "Id") < string_at(b, "Id");
  });
}

// The engine walks maps to list a container's mounts and exec sessions, so
// their order changes between calls; it means nothing and is fixed here.
// Config.Env and HostConfig.Binds keep their order: it is the user's.
void sort_unordered_lists(json& container) {
  if (!container.is_object()) return;
  const auto mount_order = [](const json& a, const json& b) {
    return std::pair(string_at(a, "Destination"), string_at(a, "Source")) < std::pair(string_at(b, "Destination"), string_at(b, "Source"));
  };
  if (auto mounts = container.find("Mounts"); mounts != container.end() && mounts->is_array()) {
    std::stable_sort(mounts->begin(), mounts->end(), mount_order);
  }
  if (auto execs = container.find("ExecIDs"); execs != container.end() && execs->is_array()) {
    std::stable_sort(execs->begin(), execs->end());
  }
}

enum class Shape { object, array };

// A document of the wrong JSON type would mislead the checks that read it.
model::Fact shaped(std::expected<json, ApiError> result, Shape shape, const std::string& path) {
  if (result && (shape == Shape::object ? !result->is_object() : !result->is_array())) {
    return std::unexpected(model::Unavailable{"GET " + path + ": malformed answer: not a JSON " +
                                                  (shape == Shape::object ? "object" : "array"),
                                              model::ErrorKind::malformed_answer});
  }
  return as_fact(std::move(result));
}

// An inspect answered with another object's document would judge the listed
// one on the other's settings.
model::Fact inspected(std::expected<json, ApiError> result, std::string_view collection, const std::string& id, const std::string& path) {
  if (result) {
    if (auto foreign = foreign_inspect(collection, id, *result)) return std::unexpected(std::move(*foreign));
  }
  return shaped(std::move(result), Shape::object, path);
}

// A list whose entries are not objects with a string Id cannot be walked
// safely: the whole list is unavailable rather than half read.
model::Fact as_list(std::expected<json, ApiError> result, std::string_view path, const char* id_field = "Id") {
  if (!result) return as_fact(std::move(result));
  if (!is_list_of_ids(*result, id_field)) {
    return std::unexpected(model::Unavailable{"GET " + std::string(path) + ": malformed answer: not a list of objects with an " +
                                                  id_field,
                                              model::ErrorKind::malformed_answer});
  }
  return std::move(*result);
}

// The fields of a kind's documents the checks read; nullptr: all of them.
const std::vector<std::string>* fields_of(const Sources& sources, std::string_view kind) {
  if (sources.fields == nullptr) return nullptr;
  const auto found = sources.fields->find(kind);
  return found == sources.fields->end() ? nullptr : &found->second;
}

// The parts of each document (or of each entry of a list) of a kind the
// checks read; nothing where every field is wanted.
std::optional<util::JsonKeep> kept_parts_of(const Sources& sources, std::string_view kind, bool each_element = false) {
  const auto* fields = fields_of(sources, kind);
  if (fields == nullptr) return std::nullopt;
  return std::optional<util::JsonKeep>(std::in_place, *fields, each_element);
}

std::optional<util::JsonKeep> kept_parts_of(const FactRequest& request, bool each_element = false) {
  return kept_parts_of(request.sources, request.kind.name, each_element);
}

// Inspects every listed instance concurrently; a 404 means the object went
// away between the list and the inspect. Each document holds only the fields
// the checks read, the rest not built as it is parsed, so a thousand stay small.
void inspect_all(const FactRequest& request, std::string_view list_fact, const std::string& path_prefix,
                 const std::string& path_suffix, Shape shape, model::FactStore& out, void (*normalise)(json&) = nullptr) {
  const auto* list = request.deps.value(list_fact);
  if (list == nullptr) return;
  const std::string collection(request.kind.instance_of);
  // Those read already in this collection (containers', beside their list) are not asked again.
  std::vector<std::size_t> unread;  // index in the list
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& id = (*list)[i]["Id"].get_ref<const std::string&>();
    if (out.find(model::instance_key(request.kind.name, id)) != nullptr) continue;
    if (auto refused = unusable_id(collection, id)) {
      out.set(model::instance_key(request.kind.name, id), std::unexpected(std::move(*refused)));
      continue;
    }
    unread.push_back(i);
    paths.push_back(path_prefix + id + path_suffix);
  }
  const auto kept_parts = kept_parts_of(request);
  const auto consume = [&](std::size_t n, std::expected<json, ApiError>&& result) {
    const auto i = unread[n];
    const auto& entry = (*list)[i];
    const auto key = model::instance_key(request.kind.name, entry["Id"].get<std::string>());
    if (!result && result.error().http_status == 404) {
      out.set(key, std::unexpected(model::Unavailable{collection + " " + model::display_name(collection, entry) + " was removed during the scan",
                                                      model::ErrorKind::not_found}));
      return;
    }
    if (result && normalise != nullptr) normalise(*result);
    const auto& id = entry["Id"].get_ref<const std::string&>();
    out.set(key, shape == Shape::object ? inspected(std::move(result), collection, id, paths[n]) : shaped(std::move(result), shape, paths[n]));
  };
  api_of(request).get_each(paths, consume, kept_parts ? &*kept_parts : nullptr);
}

bool is_self(const std::string& id, const std::string& self) { return !self.empty() && (id == self || id.starts_with(self)); }

}  // namespace

void collect_engine_version(const FactRequest& request, model::FactStore& out) {
  out.set(request.kind.name, shaped(request.sources.engine->version(), Shape::object, "/version"));
}

void collect_engine_info(const FactRequest& request, model::FactStore& out) {
  auto info = request.sources.engine->take_info();
  out.set(request.kind.name, shaped(info ? std::move(*info) : api_of(request).get("/info"), Shape::object, "/info"));
}

// The ids of the engine's containers as its data root holds them, when
// container.inspect is read too and the host's directory and /info agree on
// how many there are (the same engine, seen from the same host); else none.
// Past the deadline no host file is read, and no inspect would be asked.
std::vector<std::string> containers_on_disk(const FactRequest& request) {
  const auto& census = request.sources.engine->census();
  if (!request.plans(model::facts::container_inspect) || request.sources.root == nullptr || !census || census->containers == 0 ||
      census->containers > request.sources.list_caps.containers || past_deadline(request.sources)) {
    return {};
  }
  auto ids = container_dirs(*request.sources.root, census->data_root, request.sources.list_caps.containers);
  if (!ids || ids->size() != census->containers) return {};
  return std::move(*ids);
}

// Inspect answers read beside the container list, by id.
struct EarlyInspects {
  std::vector<std::string> ids;  ///< sorted
  std::vector<std::optional<std::expected<json, ApiError>>> answers;

  // The answer for a listed container; a 404 is not kept: the list, read
  // after it, says the container is there, so it is asked again.
  std::optional<std::expected<json, ApiError>> take(const std::string& id) {
    const auto found = std::ranges::lower_bound(ids, id);
    if (found == ids.end() || *found != id) return std::nullopt;
    auto& answer = answers[static_cast<std::size_t>(found - ids.begin())];
    if (answer && !*answer && answer->error().http_status == 404) return std::nullopt;
    return std::exchange(answer, std::nullopt);
  }
};

// The container list. dockerd builds it on one core for about 0.1 ms per
// container; the inspects of the containers its data root holds are asked
// meanwhile on the other slots, and those the list names are kept as
// container.inspect facts (collect_container_inspect asks for the rest).
// An inspect asked before the list instead of after it sees the container
// a little earlier; either way the two documents are not one snapshot.
void collect_engine_containers(const FactRequest& request, model::FactStore& out) {
  const std::string path = "/containers/json?all=1";
  const auto screen = cap_screen(path, {request.sources.list_caps.containers, "containers", "--max-containers"});
  // Each entry is built with only the fields read (the id and names among them).
  const auto kept_parts = kept_parts_of(request, true);
  EarlyInspects early{containers_on_disk(request), {}};
  early.answers.resize(early.ids.size());
  std::vector<std::string> inspects;
  inspects.reserve(early.ids.size());
  for (const auto& id : early.ids) inspects.push_back("/containers/" + id + "/json");
  const auto inspect_parts = kept_parts_of(request.sources, model::facts::container_inspect);
  auto listed = as_list(api_of(request).get_beside(
                            path, screen, kept_parts ? &*kept_parts : nullptr, inspects,
                            [&](std::size_t i, std::expected<json, ApiError>&& result) { early.answers[i] = std::move(result); },
                            inspect_parts ? &*inspect_parts : nullptr),
                        path);
  if (!listed) return out.set(request.kind.name, std::move(listed));
  drop_repeated_ids(*listed);
  size_pages_for(static_cast<std::int64_t>(listed->size()));
  json containers = json::array();
  for (auto& entry : *listed) {
    const auto& id = entry["Id"].get_ref<const std::string&>();
    if (is_self(id, request.sources.self_container_id)) continue;
    if (auto inspect = early.take(id)) {
      if (*inspect) sort_unordered_lists(**inspect);
      out.set(model::instance_key(model::facts::container_inspect, id),
              inspected(std::move(*inspect), "container", id, "/containers/" + id + "/json"));
    }
    sort_unordered_lists(entry);
    containers.push_back(std::move(entry));
  }
  sort_by(containers, [](const json& entry) { return model::display_name("container", entry); });
  out.set(request.kind.name, std::move(containers));
}

void shape_container(json& document, const std::vector<std::string>* fields) {
  if (fields != nullptr) model::keep_fields(document, *fields);
  sort_unordered_lists(document);
}

void collect_container_inspect(const FactRequest& request, model::FactStore& out) {
  inspect_all(request, model::facts::engine_containers, "/containers/", "/json", Shape::object, out, sort_unordered_lists);
}

void collect_engine_images(const FactRequest& request, model::FactStore& out) {
  auto listed = as_list(get_capped_list(api_of(request), "/images/json", {request.sources.list_caps.images, "images", "--max-images"}),
                        "/images/json");
  if (listed) {
    drop_repeated_ids(*listed);
    sort_by(*listed, [](const json& image) { return image["Id"].get<std::string>(); });
  }
  out.set(request.kind.name, std::move(listed));
}

void collect_image_inspect(const FactRequest& request, model::FactStore& out) {
  inspect_all(request, model::facts::engine_images, "/images/", "/json", Shape::object, out);
}

void collect_image_history(const FactRequest& request, model::FactStore& out) {
  inspect_all(request, model::facts::engine_images, "/images/", "/history", Shape::array, out);
}

void collect_engine_networks(const FactRequest& request, model::FactStore& out) {
  auto listed = as_list(get_capped_list(api_of(request), "/networks", {request.sources.list_caps.networks, "networks", "--max-networks"}),
                        "/networks");
  if (listed) {
    drop_repeated_ids(*listed);
    sort_by(*listed, [](const json& network) { return string_at(network, "Name"); });
  }
  out.set(request.kind.name, std::move(listed));
}

void collect_network_inspect(const FactRequest& request, model::FactStore& out) {
  inspect_all(request, model::facts::engine_networks, "/networks/", "", Shape::object, out);
}

// The default bridge, where CIS 2.2 reads the live icc setting. Its inspect
// (with Containers) is preferred over the list entry.
void collect_engine_bridge(const FactRequest& request, model::FactStore& out) {
  const auto* listed = request.deps.find(model::facts::engine_networks);
  if (listed == nullptr) return;
  if (!*listed) return out.set(request.kind.name, std::unexpected(listed->error()));
  json bridge{{"exists", false}};
  for (const auto& entry : **listed) {
    if (string_at(entry, "Name") != "bridge") continue;
    const auto* inspected = request.deps.value(model::instance_key(model::facts::network_inspect, entry["Id"].get<std::string>()));
    bridge = inspected != nullptr && inspected->is_object() ? *inspected : entry;
    bridge["exists"] = true;
  }
  out.set(request.kind.name, std::move(bridge));
}

// /swarm and /nodes are read only on an active manager: elsewhere the daemon
// refuses them, and the checks are not applicable.
void collect_engine_swarm(const FactRequest& request, model::FactStore& out) {
  const auto* info = request.deps.find(model::facts::engine_info);
  if (info == nullptr) return;
  if (!*info) return out.set(request.kind.name, std::unexpected(info->error()));
  const auto found = (*info)->find("Swarm");
  const json swarm = found != (*info)->end() && found->is_object() ? *found : json::object();
  const bool active = string_at(swarm, "LocalNodeState") == "active";
  const bool manager = swarm.contains("ControlAvailable") && swarm["ControlAvailable"] == true;
  if (!active || !manager) return out.set(request.kind.name, json{{"active", active}, {"manager", manager}});
  auto cluster = shaped(api_of(request).get("/swarm"), Shape::object, "/swarm");
  auto nodes = as_list(api_of(request).get("/nodes"), "/nodes", "ID");
  if (!cluster || !nodes) return out.set(request.kind.name, std::unexpected(!cluster ? cluster.error() : nodes.error()));
  const auto managers = std::ranges::count_if(*nodes, [](const json& node) { return node.contains("ManagerStatus"); });
  out.set(request.kind.name, json{{"active", true}, {"manager", true}, {"swarm", *cluster}, {"nodes", *nodes}, {"managers", managers}});
}

}  // namespace dockcis::collect
