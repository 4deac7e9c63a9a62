// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/fact_store.hpp"
#include "model/report.hpp"

namespace dockcis::engine {

/// Sorts container list entries as the collector sorts the list: by
/// model::display_name, then by Id.
void sort_listed(model::json& entries);

/// The rest of the container list, in its order, with `batch_list`'s entries
/// (sorted by sort_listed) each put after the last entry that sorts before or
/// with it: where a full collection would list it. One pass.
model::json merge_listed(std::vector<model::json>&& rest, const model::json& batch_list);

/// Where each listed container stands in the list, by its id as results name
/// it (a full audit gives a check's instances in the list's order), and the
/// batch's containers by the same.
struct ListPlaces {
  std::unordered_map<std::string_view, std::size_t> place;
  std::unordered_set<std::string_view> batch;
  std::deque<std::string> shown_ids;  ///< ids longer than reports show, as shown (what the views above may point at)
};
/// The places of `list`'s entries and the set of `ids`; views into `list`, which must outlive the result unchanged.
ListPlaces places_in(const model::json& list, const std::vector<std::string>& ids);

/// The batch's instances moved out of `from`; the rest stay in their order.
std::vector<model::InstanceResult> take_batch_instances(model::CheckResult& from, const ListPlaces& places);
/// `fresh`'s instances (the batch's) put among `into`'s in list order: each
/// after the last of them listed before or with it, found by binary search,
/// so a check of N instances costs B log N lookups of the large map, not N.
void place_instances(model::CheckResult& into, model::CheckResult&& fresh, const ListPlaces& places);

}  // namespace dockcis::engine
