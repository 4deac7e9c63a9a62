// SPDX-License-Identifier: Apache-2.0
#include "engine/fields_read.hpp"

#include <algorithm>

#include "engine/plan.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"

namespace dockcis::engine {
namespace {

// Only the large per-instance documents are trimmed; the rest are kept whole.
bool trimmed(const std::string& fact) {
  return fact == model::facts::container_inspect || fact == model::facts::image_inspect;
}

void add(model::FieldsRead& fields, const std::string& fact, const std::string& select) {
  if (!trimmed(fact)) return;
  auto& pointers = fields[fact];
  if (std::ranges::find(pointers, select) == pointers.end()) pointers.push_back(select);
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
    for (const auto& ref : check->evidence) add(fields, ref.fact, ref.select);
  }
  return fields;
}

model::FieldsRead fields_read(const Catalogue& catalogue, const Selection& selection) {
  return fields_read(selected_checks(catalogue, selection));
}

}  // namespace dockcis::engine
