// SPDX-License-Identifier: Apache-2.0
#include "collect/snapshot_lists.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/docker/object_id.hpp"
#include "model/fact_names.hpp"

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

bool well_formed(const nlohmann::json& list) {
  return list.is_array() && std::ranges::all_of(list, [](const nlohmann::json& entry) {
           const auto id = entry.is_object() ? entry.find("Id") : entry.end();
           return entry.is_object() && id != entry.end() && id->is_string();
         });
}

// Why `list` is not read; nothing when it is.
std::optional<model::Unavailable> refusal(const SnapshotList& kind, const nlohmann::json& list, std::size_t cap) {
  if (!well_formed(list)) {
    return model::Unavailable{"the snapshot's " + std::string(kind.fact) + " is not a list of objects with a text Id",
                              model::ErrorKind::malformed_answer};
  }
  if (list.size() <= cap) return std::nullopt;
  return model::Unavailable{"the snapshot lists " + std::to_string(list.size()) + " " + std::string(kind.noun) +
                                ", more than dockcis reads in one audit (" + std::to_string(cap) + ", " +
                                std::string(kind.option) + ")",
                            model::ErrorKind::too_large};
}

// Every "<collection>/<id>/<field>" fact goes: nothing reads them without their list.
void drop_instances(model::FactStore& store, std::string_view collection) {
  const std::string prefix = std::string(collection) + "/";
  std::vector<std::string> keys;
  for (auto at = store.all().lower_bound(prefix); at != store.all().end() && at->first.starts_with(prefix); ++at) {
    keys.push_back(at->first);
  }
  for (const auto& key : keys) store.take(key);
}

}  // namespace

void screen_snapshot_lists(model::FactStore& store, const ListCaps& caps) {
  for (const auto& kind : kLists) {
    auto* list = store.value(kind.fact);
    if (list == nullptr) continue;
    if (auto refused = refusal(kind, *list, caps.*kind.cap)) {
      store.set(kind.fact, std::unexpected(std::move(*refused)));
      drop_instances(store, kind.collection);
    } else {
      auto kept = std::move(*store.take(kind.fact));
      drop_repeated_ids(*kept);
      store.put_back(kind.fact, std::move(kept));
    }
  }
}

}  // namespace dockcis::collect
