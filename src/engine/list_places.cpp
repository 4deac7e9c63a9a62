// SPDX-License-Identifier: Apache-2.0
#include "engine/list_places.hpp"

#include <algorithm>
#include <utility>

#include "model/listed_name.hpp"
#include "util/json_access.hpp"

namespace dockcis::engine {
namespace {

std::pair<std::string, std::string> listed_order(const model::json& entry) {
  return {model::display_name("container", entry), util::get_or(entry, "Id", std::string())};
}

}  // namespace

void sort_listed(model::json& entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const model::json& a, const model::json& b) { return listed_order(a) < listed_order(b); });
}

model::json merge_listed(std::vector<model::json>&& rest, const model::json& batch_list) {
  std::vector<std::pair<std::string, std::string>> batch_keys;
  for (const auto& entry : batch_list) batch_keys.push_back(listed_order(entry));
  model::json merged = model::json::array();
  merged.get_ref<model::json::array_t&>().reserve(rest.size() + batch_list.size());
  std::size_t next = 0;
  for (auto& entry : rest) {
    if (next < batch_keys.size()) {
      const auto key = listed_order(entry);
      while (next < batch_keys.size() && batch_keys[next] < key) merged.push_back(batch_list[next++]);
    }
    merged.push_back(std::move(entry));
  }
  while (next < batch_keys.size()) merged.push_back(batch_list[next++]);
  return merged;
}

ListPlaces places_in(const model::json& list, const std::vector<std::string>& ids) {
  ListPlaces places;
  const auto shown = [&](std::string_view id) -> std::string_view {
    return id.size() <= model::kShownSubjectText ? id : places.shown_ids.emplace_back(model::shown_subject_text(std::string(id)));
  };
  for (std::size_t i = 0; i < list.size(); ++i) places.place.emplace(shown(util::get_or(list[i], "Id", std::string_view())), i);
  for (const auto& id : ids) places.batch.insert(shown(id));
  return places;
}

std::vector<model::InstanceResult> take_batch_instances(model::CheckResult& from, const ListPlaces& places) {
  std::vector<model::InstanceResult> taken, kept;
  kept.reserve(from.instances.size());
  for (auto& instance : from.instances) (places.batch.contains(instance.id()) ? taken : kept).push_back(std::move(instance));
  from.instances = std::move(kept);
  return taken;
}

void place_instances(model::CheckResult& into, model::CheckResult&& fresh, const ListPlaces& places) {
  constexpr auto kUnlisted = static_cast<std::size_t>(-1);
  const auto place_of = [&](const model::InstanceResult& instance) {
    const auto found = places.place.find(instance.id());
    return found == places.place.end() ? kUnlisted : found->second;
  };
  std::vector<std::pair<std::size_t, model::InstanceResult*>> added;
  for (auto& instance : fresh.instances) added.emplace_back(place_of(instance), &instance);
  std::ranges::stable_sort(added, {}, &std::pair<std::size_t, model::InstanceResult*>::first);
  auto kept = std::move(into.instances);
  into.instances.clear();
  into.instances.reserve(kept.size() + added.size());
  std::size_t from = 0;
  for (const auto& [place, instance] : added) {
    // The first of the rest listed after it.
    std::size_t low = from;
    std::size_t high = kept.size();
    while (low < high) {
      const auto middle = low + (high - low) / 2;
      if (place_of(kept[middle]) <= place) low = middle + 1;
      else high = middle;
    }
    for (; from < low; ++from) into.instances.push_back(std::move(kept[from]));
    into.instances.push_back(std::move(*instance));
  }
  for (; from < kept.size(); ++from) into.instances.push_back(std::move(kept[from]));
}

}  // namespace dockcis::engine
