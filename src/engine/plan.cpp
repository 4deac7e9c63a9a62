// SPDX-License-Identifier: Apache-2.0
#include "engine/plan.hpp"

#include "model/fact_kinds.hpp"

namespace dockcis::engine {
namespace {

// Tests nest at most kMaxTestDepth deep (the loader refuses deeper ones), so a
// work list walks them without recursion.
void add_test_facts(const model::Test& root, std::set<std::string>& facts) {
  std::vector<const model::Test*> pending{&root};
  while (!pending.empty()) {
    const auto* test = pending.back();
    pending.pop_back();
    if (test->kind == model::Test::Kind::predicate) facts.insert(test->predicate.fact);
    for (const auto& child : test->children) pending.push_back(&child);
  }
}

}  // namespace

std::set<std::string> facts_read(const model::Check& check) {
  std::set<std::string> facts;
  if (check.applies_if) add_test_facts(*check.applies_if, facts);
  if (check.test) add_test_facts(*check.test, facts);
  for (const auto& ref : check.evidence) facts.insert(ref.fact);
  if (const auto* collection = model::find_collection(check.for_each)) facts.emplace(collection->list_fact);
  return facts;
}

std::set<std::string> plan_facts(const std::vector<const model::Check*>& checks) {
  std::set<std::string> facts;
  for (const auto& kind : model::fact_kinds()) {
    if (kind.always) facts.emplace(kind.name);
  }
  for (const auto* check : checks) facts.merge(facts_read(*check));
  return model::with_dependencies(facts);
}

std::vector<const model::Check*> selected_checks(const Catalogue& catalogue, const Selection& selection) {
  std::vector<const model::Check*> checks;
  for (const auto& profile : catalogue.profiles) {
    for (const auto& recommendation : profile.recommendations) {
      if (!is_selected(recommendation, selection)) continue;
      const auto found = catalogue.checks.find(recommendation.key);
      if (found != catalogue.checks.end()) checks.push_back(&found->second);
    }
  }
  return checks;
}

std::set<std::string> plan_facts(const Catalogue& catalogue, const Selection& selection) {
  return plan_facts(selected_checks(catalogue, selection));
}

}  // namespace dockcis::engine
