// SPDX-License-Identifier: Apache-2.0
#include "engine/fields_read.hpp"

#include <algorithm>
#include <array>

#include "engine/plan.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"

namespace dockcis::engine {
namespace {

// Only the large per-instance documents and the container list's entries
// are trimmed; the rest are kept whole.
bool trimmed(const std::string& fact) {
  return fact == model::facts::container_inspect || fact == model::facts::image_inspect || fact == model::facts::engine_containers;
}

// Fields of each container list entry that collection and evaluation read:
// the id, names and image that name a container in reports, State (running
// or not), Status and ImageID (the unused-image and stopped-container
// inventory, the image tag), Labels (waivers), and Ports and
// HostConfig.NetworkMode, which the published-ports review shows. The rest
// (NetworkSettings, Mounts, Command...) is most of an entry and read by nothing.
constexpr std::array kListEntryFields{"/Id", "/Names", "/Image", "/ImageID", "/State", "/Status", "/Labels", "/Ports", "/HostConfig"};

void add(model::FieldsRead& fields, const std::string& fact, const std::string& select) {
  if (!trimmed(fact)) return;
  // The list's pointers go through its indexes, not into an entry: a check
  // that reads the list keeps its entries whole ("").
  const std::string kept = fact == model::facts::engine_containers ? std::string() : select;
  auto& pointers = fields[fact];
  if (std::ranges::find(pointers, kept) == pointers.end()) pointers.push_back(kept);
}

// Tests nest at most kMaxTestDepth deep (the loader refuses deeper ones), so a
// work list walks them without recursion. A pluck reads inside the selected
// value, which is kept whole.
void add_test_fields(const model::Test& root, model::FieldsRead& fields) {
  std::vector<const model::Test*> pending{&root};
  while (!pending.empty()) {
    const auto* test = pending.back();
    pending.pop_back();
    if (test->kind == model::Test::Kind::predicate) add(fields, test->predicate.fact, test->predicate.select);
    for (const auto& child : test->children) pending.push_back(&child);
  }
}

}  // namespace

model::FieldsRead fields_read(const std::vector<const model::Check*>& checks) {
  model::FieldsRead fields;
  // Reports name instances by these.
  for (const auto* always : {"/Id", "/Name"}) add(fields, std::string(model::facts::container_inspect), always);
  for (const auto* always : {"/Id", "/RepoTags"}) add(fields, std::string(model::facts::image_inspect), always);
  fields[std::string(model::facts::engine_containers)].assign(kListEntryFields.begin(), kListEntryFields.end());
  // Derived kinds read their fields whether or not a selected check needs
  // them: a handful of small fields, and no plan to keep in step.
  for (const auto& kind : model::fact_kinds()) {
    for (const auto& read : kind.reads) {
      if (!read.fact.empty()) add(fields, std::string(read.fact), std::string(read.pointer));
    }
  }
  for (const auto* check : checks) {
    if (check->applies_if) add_test_fields(*check->applies_if, fields);
    if (check->test) add_test_fields(*check->test, fields);
    for (const auto& ref : check->evidence) {
      // The whole list shown to a reviewer (5.9's) is shown with the fields kept:
      // it decides nothing. A test that reads the list keeps entries whole above,
      // so a field cut away never makes one pass.
      if (ref.fact == model::facts::engine_containers && ref.select.empty()) continue;
      add(fields, ref.fact, ref.select);
    }
  }
  return fields;
}

model::FieldsRead fields_read(const Catalogue& catalogue, const Selection& selection) {
  return fields_read(selected_checks(catalogue, selection));
}

}  // namespace dockcis::engine
