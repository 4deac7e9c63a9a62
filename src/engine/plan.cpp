// SPDX-License-Identifier: Apache-2.0
#include "engine/plan.hpp"

namespace dockcis::engine {
namespace {

void add_test_facts(const model::Test& test, std::set<std::string>& facts) {
  if (test.kind == model::Test::Kind::predicate) {
    facts.insert(test.predicate.fact);
    return;
  }
  for (const auto& child : test.children) add_test_facts(child, facts);
}

}  // namespace

std::set<std::string> plan_facts(const std::vector<const model::Check*>& checks) {
  // Every report carries the host and engine identity.
  std::set<std::string> facts{"engine.version", "engine.info", "host.identity", "host.kernel", "scanner.self"};
  for (const auto* check : checks) {
    if (check->applies_if) add_test_facts(*check->applies_if, facts);
    if (check->test) add_test_facts(*check->test, facts);
    for (const auto& ref : check->evidence) facts.insert(ref.fact);
    if (check->for_each == "containers" || check->for_each == "running_containers") {
      facts.insert("engine.containers");
      facts.insert("container.inspect");
    } else if (check->for_each == "images") {
      facts.insert("engine.images");
    } else if (check->for_each == "networks") {
      facts.insert("engine.networks");
    }
  }
  // Processes are found through each container's inspect (State.Pid).
  if (facts.contains("container.processes")) facts.insert("container.inspect");
  return facts;
}

}  // namespace dockcis::engine
