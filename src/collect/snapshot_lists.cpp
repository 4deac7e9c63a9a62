// SPDX-License-Identifier: Apache-2.0
#include "collect/snapshot_lists.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "collect/docker/object_id.hpp"
#include "model/container_running.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "model/listed_name.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

struct SnapshotList {
  std::string_view fact;        ///< "engine.containers"
  std::string_view collection;  ///< "container": its per-instance keys start "container/"
  std::string_view noun;        ///< "containers"
  std::string_view option;      ///< "--max-containers"
  std::size_t ListCaps::* cap;
};

constexpr std::array kLists{
    SnapshotList{model::facts::engine_containers, "container", "containers", "--max-containers", &ListCaps::containers},
    SnapshotList{model::facts::engine_images, "image", "images", "--max-images", &ListCaps::images},
    SnapshotList{model::facts::engine_networks, "network", "networks", "--max-networks", &ListCaps::networks},
};

// Why `list` is not read; nothing when it is.
std::optional<model::Unavailable> refusal(const SnapshotList& kind, const nlohmann::json& list, std::size_t cap) {
  if (!is_list_of_ids(list)) {
    return model::Unavailable{"the snapshot's " + std::string(kind.fact) + " is not a list of objects with a text Id",
                              model::ErrorKind::malformed_answer};
  }
  if (list.size() <= cap) return std::nullopt;
  return model::Unavailable{"the snapshot lists " + std::to_string(list.size()) + " " + std::string(kind.noun) +
                                ", more than dockcis reads in one audit (" + std::to_string(cap) + ", " +
                                std::string(kind.option) + ")",
                            model::ErrorKind::too_large};
}

// Whether facts of `kind` were collected from `list`, directly or through
// another kind (the registry's dependencies: a few kinds, walked without recursion).
bool made_from(const model::FactKind& kind, std::string_view list) {
  std::vector<const model::FactKind*> pending{&kind};
  std::set<std::string_view> seen;
  while (!pending.empty()) {
    const auto* at = pending.back();
    pending.pop_back();
    for (const auto dependency : at->depends) {
      if (dependency.empty() || !seen.insert(dependency).second) continue;
      if (dependency == list) return true;
      if (const auto* next = model::find_fact_kind(dependency)) pending.push_back(next);
    }
  }
  return false;
}

// What was collected from a refused list: the facts of its own objects go
// (nothing reads them without their list); any other (engine.usage from the
// image list, each container's image tag) is the list's error, as a live
// collection would have made it.
void refuse_derived(model::FactStore& store, const SnapshotList& kind, const model::Unavailable& refused) {
  std::vector<std::string> keys;
  for (const auto& [key, fact] : store.all()) {
    const auto* of = model::kind_of_key(key);
    if (of != nullptr && of->name != kind.fact && made_from(*of, kind.fact)) keys.push_back(key);
  }
  for (const auto& key : keys) {
    if (model::kind_of_key(key)->instance_of == kind.collection) store.take(key);
    else store.set(key, std::unexpected(refused));
  }
}

// An inspect document that is not the listed object's is refused, as a live
// collection refuses it: judged as the listed one, it would lend it another
// object's settings.
void refuse_foreign_inspects(model::FactStore& store, const SnapshotList& kind, const nlohmann::json& list) {
  const auto inspect = std::string(kind.collection) + ".inspect";
  for (const auto& entry : list) {
    const auto& id = entry["Id"].get_ref<const std::string&>();
    const auto key = model::instance_key(inspect, id);
    const auto* document = store.value(key);
    if (document == nullptr) continue;
    if (auto foreign = foreign_inspect(kind.collection, id, *document, "the snapshot")) store.set(key, std::unexpected(std::move(*foreign)));
  }
}

// A running container's first process, as the collector writes it, has an
// effective uid, and its processes are at least one (or each is an error): a
// snapshot that gives no uid for a container its list and inspect call
// running would have 4.1 judge the user setting alone, and pass a container
// whose entrypoint runs as root; no processes would pass 5.7 on sshd unseen.
void refuse_unseen_processes(model::FactStore& store, const nlohmann::json& containers) {
  for (const auto& entry : containers) {
    const auto& id = entry["Id"].get_ref<const std::string&>();
    if (!model::container_running(entry, store.value(model::instance_key(model::facts::container_inspect, id)))) continue;
    const auto key = model::instance_key(model::facts::container_main_process, id);
    if (const auto* process = store.value(key)) {
      const auto euid = process->is_object() ? process->find("euid") : process->end();
      if (!process->is_object() || euid == process->end() || !euid->is_number_integer()) {
        store.set(key, std::unexpected(model::Unavailable{"the snapshot gives no effective uid for the first process of running container " +
                                                              model::shown_subject_text(id),
                                                          model::ErrorKind::malformed_answer}));
      }
    }
    const auto processes_key = model::instance_key(model::facts::container_processes, id);
    if (const auto* processes = store.value(processes_key); processes != nullptr && processes->is_array() && processes->empty()) {
      store.set(processes_key, std::unexpected(model::Unavailable{"the snapshot gives no processes for running container " +
                                                                      model::shown_subject_text(id),
                                                                  model::ErrorKind::malformed_answer}));
    }
  }
}

// A document of another JSON type than its kind's collector writes is
// refused, as a live answer of the wrong type is: a host.file that is a bare
// number would be judged as a mode, a list as a tree, a null as a document
// that lacks what a presence test asks. The instance lists are left to
// refusal(), which also lets go of what was collected from them.
void refuse_misshapen(model::FactStore& store) {
  // Most of a snapshot's thousands of facts are objects where objects go:
  // only those that may be of a per-instance list kind (a container's
  // processes, an image's history) are looked up.
  static const auto list_fields = [] {
    std::vector<std::string> fields;
    for (const auto& kind : model::fact_kinds()) {
      if (kind.shape == model::DocumentShape::list && !kind.instance_of.empty()) fields.push_back("/" + std::string(model::instance_field(kind)));
    }
    return fields;
  }();
  std::vector<std::pair<std::string, model::Unavailable>> refused;
  for (const auto& [key, fact] : store.all()) {
    const auto ends_as_list = [&](const std::string& field) { return key.ends_with(field); };
    if (!fact || (fact->is_object() && !std::ranges::any_of(list_fields, ends_as_list))) continue;
    const auto* kind = model::kind_of_key(key);
    const bool instance_list = kind != nullptr && std::ranges::any_of(kLists, [&](const SnapshotList& list) { return list.fact == kind->name; });
    if (kind == nullptr || instance_list) continue;
    const bool list = kind->shape == model::DocumentShape::list;
    if (list ? fact->is_array() : fact->is_object()) continue;
    refused.emplace_back(key, model::Unavailable{"the snapshot's " + key + " is " + util::type_of(*fact) + ", not " + (list ? "a list" : "an object"),
                                                 model::ErrorKind::malformed_answer});
  }
  for (auto& [key, why] : refused) store.set(key, std::unexpected(std::move(why)));
}

}  // namespace

void screen_snapshot_lists(model::FactStore& store, const ListCaps& caps) {
  refuse_misshapen(store);
  for (const auto& kind : kLists) {
    auto* list = store.value(kind.fact);
    if (list == nullptr) continue;
    if (auto refused = refusal(kind, *list, caps.*kind.cap)) {
      refuse_derived(store, kind, *refused);
      store.set(kind.fact, std::unexpected(std::move(*refused)));
    } else {
      auto kept = std::move(*store.take(kind.fact));
      drop_repeated_ids(*kept);
      refuse_foreign_inspects(store, kind, *kept);
      if (kind.fact == model::facts::engine_containers) refuse_unseen_processes(store, *kept);
      store.put_back(kind.fact, std::move(kept));
    }
  }
}

}  // namespace dockcis::collect
