// SPDX-License-Identifier: Apache-2.0
#include "engine/evaluate.hpp"

#include <algorithm>

#include "engine/operators.hpp"

namespace dockcis::engine {
namespace {

using model::Evidence;
using model::json;
using model::State;

std::string fact_key(const std::string& fact, const Instance& instance) {
  const auto dot = fact.find('.');
  if (!instance.id.empty() && fact.substr(0, dot) == instance.collection && fact.find(':') == std::string::npos) {
    return model::instance_key(instance.collection, instance.id, fact.substr(dot + 1));
  }
  return fact;
}

std::string describe_operand(const model::Predicate& predicate) {
  const auto* op = find_operator(predicate.op);
  return op ? std::string(op->describes) : predicate.op;
}

TestOutcome evaluate_predicate(const model::Predicate& predicate, const EvalContext& context, const Instance& instance) {
  TestOutcome outcome;
  Evidence evidence{predicate.fact, predicate.select, json(), predicate.op, predicate.value, predicate.label, {}};
  if (!predicate.param.empty()) evidence.expected = context.parameters.value(predicate.param, json());

  const auto key = fact_key(predicate.fact, instance);
  const auto* fact = context.facts.find(key);
  if (fact == nullptr) {
    evidence.note = "fact " + key + " was not collected";
    outcome.reason = evidence.note;
    outcome.evidence.push_back(std::move(evidence));
    return outcome;
  }
  if (!*fact) {
    evidence.note = fact->error().reason;
    outcome.reason = "could not read " + predicate.fact + ": " + fact->error().reason;
    outcome.evidence.push_back(std::move(evidence));
    return outcome;
  }

  const json::json_pointer pointer(predicate.select);
  const bool found = (*fact)->contains(pointer);
  json actual = found ? (*fact)->at(pointer) : json();
  if (!found && predicate.if_missing) {
    outcome.state = *predicate.if_missing;
    evidence.note = (predicate.label.empty() ? predicate.fact + predicate.select : predicate.label) + " is not set";
    outcome.reason = evidence.note;
    outcome.evidence.push_back(std::move(evidence));
    return outcome;
  }
  if (!predicate.pluck.empty() && actual.is_array()) {
    const json::json_pointer pluck(predicate.pluck);
    json mapped = json::array();
    for (const auto& element : actual) mapped.push_back(element.contains(pluck) ? element.at(pluck) : json());
    actual = std::move(mapped);
  }
  evidence.actual = actual;
  const auto* op = find_operator(predicate.op);
  const auto result = op->apply(actual, evidence.expected);
  outcome.state = result.state;
  evidence.note = result.message;
  if (result.state != State::pass) {
    outcome.reason = result.message.empty()
                         ? (predicate.label.empty() ? predicate.fact + predicate.select : predicate.label) + " is " +
                               actual.dump() + ", expected " + describe_operand(predicate) +
                               (evidence.expected.is_null() ? "" : " " + evidence.expected.dump())
                         : result.message;
  }
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

bool any_state(const std::vector<TestOutcome>& outcomes, State state) {
  return std::ranges::any_of(outcomes, [&](const TestOutcome& o) { return o.state == state; });
}

std::string first_reason(const std::vector<TestOutcome>& outcomes, State state) {
  for (const auto& o : outcomes) {
    if (o.state == state) return o.reason;
  }
  return {};
}

// Combinator semantics: a failure beats an error for `all` (the finding is
// certain), an error beats a failure for `any` (a pass might be hidden).
TestOutcome combine(model::Test::Kind kind, std::vector<TestOutcome> outcomes) {
  TestOutcome result;
  // first_of reports only the child that decided; the others report everything read.
  if (kind != model::Test::Kind::first_of) {
    for (auto& o : outcomes) std::ranges::copy(o.evidence, std::back_inserter(result.evidence));
  }
  auto decide = [&](State state) {
    result.state = state;
    result.reason = first_reason(outcomes, state);
  };
  switch (kind) {
    case model::Test::Kind::all:
      if (any_state(outcomes, State::fail)) decide(State::fail);
      else if (any_state(outcomes, State::error)) decide(State::error);
      else if (any_state(outcomes, State::pass)) decide(State::pass);
      else decide(State::notapplicable);
      break;
    case model::Test::Kind::any:
      if (any_state(outcomes, State::pass)) decide(State::pass);
      else if (any_state(outcomes, State::error)) decide(State::error);
      else if (any_state(outcomes, State::fail)) {
        decide(State::fail);
        std::vector<std::string> reasons;
        for (const auto& o : outcomes) {
          if (o.state == State::fail && !o.reason.empty()) reasons.push_back(o.reason);
        }
        result.reason.clear();
        for (std::size_t i = 0; i < reasons.size(); ++i) result.reason += (i ? "; " : "") + reasons[i];
      } else decide(State::notapplicable);
      break;
    case model::Test::Kind::first_of: {
      const auto decided = std::ranges::find_if(outcomes, [](const TestOutcome& o) {
        return o.state == State::pass || o.state == State::fail;
      });
      if (decided != outcomes.end()) {
        result.state = decided->state;
        result.reason = decided->reason;
        result.evidence = decided->evidence;
      } else {
        for (auto& o : outcomes) std::ranges::copy(o.evidence, std::back_inserter(result.evidence));
        decide(any_state(outcomes, State::error) ? State::error : State::notapplicable);
      }
      break;
    }
    default: break;
  }
  return result;
}

TestOutcome invert(TestOutcome outcome) {
  if (outcome.state == State::pass) {
    outcome.state = State::fail;
    if (outcome.reason.empty() && !outcome.evidence.empty()) {
      const auto& e = outcome.evidence.front();
      outcome.reason = (e.label.empty() ? e.fact + e.select : e.label) + " is " + e.actual.dump();
    }
  } else if (outcome.state == State::fail) {
    outcome.state = State::pass;
    outcome.reason.clear();
  }
  return outcome;
}

model::CheckResult base_result(const model::Check& check, const model::Recommendation& recommendation) {
  model::CheckResult result;
  result.id = recommendation.id;
  result.key = check.key;
  result.title = recommendation.title.empty() ? check.title : recommendation.title;
  result.section = recommendation.section;
  result.level = recommendation.level;
  result.swarm = recommendation.swarm;
  result.assessment = recommendation.assessment;
  result.automated = check.mode == "automated";
  result.severity = check.severity;
  result.description = check.description;
  result.rationale = check.rationale;
  result.remediation = check.remediation;
  result.references = check.references;
  result.controls = check.controls;
  return result;
}

std::vector<Evidence> reviewer_evidence(const model::Check& check, const EvalContext& context, const Instance& instance) {
  std::vector<Evidence> out;
  for (const auto& ref : check.evidence) {
    Evidence evidence{ref.fact, ref.select, json(), {}, json(), ref.label, {}};
    const auto* fact = context.facts.find(fact_key(ref.fact, instance));
    if (fact == nullptr) {
      evidence.note = "not collected";
    } else if (!*fact) {
      evidence.note = fact->error().reason;
    } else {
      const json::json_pointer pointer(ref.select);
      if ((*fact)->contains(pointer)) evidence.actual = (*fact)->at(pointer);
      else evidence.note = "not set";
    }
    out.push_back(std::move(evidence));
  }
  return out;
}

/// applies_if, then the test; shared by host-wide checks and each instance.
TestOutcome decide(const model::Check& check, const EvalContext& context, const Instance& instance) {
  if (check.applies_if) {
    auto applicability = evaluate_test(*check.applies_if, context, instance);
    if (applicability.state == State::fail || applicability.state == State::notapplicable) {
      applicability.state = State::notapplicable;
      applicability.reason = "not applicable: " + (applicability.reason.empty() ? "precondition not met" : applicability.reason);
      return applicability;
    }
    if (applicability.state == State::error) return applicability;
  }
  return evaluate_test(*check.test, context, instance);
}

std::string instance_name(const json& entry) {
  if (entry.contains("Names") && entry["Names"].is_array() && !entry["Names"].empty()) {
    auto name = entry["Names"][0].get<std::string>();
    if (name.starts_with('/')) name.erase(0, 1);
    return name;
  }
  if (entry.contains("Name") && entry["Name"].is_string()) return entry["Name"].get<std::string>();
  if (entry.contains("RepoTags") && entry["RepoTags"].is_array() && !entry["RepoTags"].empty()) {
    return entry["RepoTags"][0].get<std::string>();
  }
  return entry.value("Id", std::string()).substr(0, 12);
}

struct CollectionSource {
  const char* fact;
  const char* collection;
};

CollectionSource collection_of(const std::string& for_each) {
  if (for_each == "images") return {"engine.images", "image"};
  if (for_each == "networks") return {"engine.networks", "network"};
  return {"engine.containers", "container"};
}

void evaluate_instances(const model::Check& check, const EvalContext& context, model::CheckResult& result) {
  const auto source = collection_of(check.for_each);
  const auto* list = context.facts.find(source.fact);
  if (list == nullptr || !*list) {
    result.state = State::error;
    result.reason = "could not list " + std::string(source.collection) + "s: " +
                    (list == nullptr ? std::string("not collected") : list->error().reason);
    return;
  }
  const bool running_only = check.for_each == "running_containers" || (context.running_only && check.for_each == "containers");
  for (const auto& entry : **list) {
    if (running_only && entry.value("State", std::string()) != "running") continue;
    const Instance instance{source.collection, entry.value("Id", std::string())};
    model::InstanceResult item;
    item.id = instance.id;
    item.name = instance_name(entry);
    item.image = entry.value("Image", std::string());
    auto outcome = decide(check, context, instance);
    item.state = outcome.state;
    item.reason = std::move(outcome.reason);
    item.evidence = std::move(outcome.evidence);
    result.instances.push_back(std::move(item));
  }
  auto count = [&](State state) {
    return std::ranges::count(result.instances, state, &model::InstanceResult::state);
  };
  const auto total = result.instances.size();
  const auto noun = std::string(source.collection) + (total == 1 ? "" : "s");
  if (total == 0) {
    result.state = State::notapplicable;
    result.reason = std::string("no ") + (running_only ? "running " : "") + source.collection + "s";
  } else if (const auto failed = count(State::fail); failed > 0) {
    result.state = State::fail;
    result.reason = std::to_string(failed) + " of " + std::to_string(total) + " " + noun + " fail";
  } else if (const auto errors = count(State::error); errors > 0) {
    result.state = State::error;
    result.reason = "could not decide for " + std::to_string(errors) + " of " + std::to_string(total) + " " + noun;
  } else if (count(State::pass) > 0) {
    result.state = State::pass;
    result.reason = "all " + std::to_string(count(State::pass)) + " applicable " + noun + " pass";
  } else {
    result.state = State::notapplicable;
    result.reason = "not applicable to any of " + std::to_string(total) + " " + noun;
  }
}

}  // namespace

TestOutcome evaluate_test(const model::Test& test, const EvalContext& context, const Instance& instance) {
  switch (test.kind) {
    case model::Test::Kind::predicate: return evaluate_predicate(test.predicate, context, instance);
    case model::Test::Kind::negate: return invert(evaluate_test(test.children.front(), context, instance));
    case model::Test::Kind::none: {
      std::vector<TestOutcome> outcomes;
      for (const auto& child : test.children) outcomes.push_back(evaluate_test(child, context, instance));
      return invert(combine(model::Test::Kind::any, std::move(outcomes)));
    }
    default: {
      std::vector<TestOutcome> outcomes;
      for (const auto& child : test.children) outcomes.push_back(evaluate_test(child, context, instance));
      return combine(test.kind, std::move(outcomes));
    }
  }
}

model::CheckResult evaluate_check(const model::Check& check, const model::Recommendation& recommendation,
                                  const EvalContext& context) {
  auto result = base_result(check, recommendation);
  if (check.mode == "manual") {
    // A manual check still has to apply (a swarm review on a host without a swarm does not).
    if (check.applies_if) {
      auto applicability = evaluate_test(*check.applies_if, context, {});
      if (applicability.state != State::pass) {
        result.state = applicability.state == State::error ? State::error : State::notapplicable;
        result.reason = applicability.state == State::error ? applicability.reason
                                                           : "not applicable: " + (applicability.reason.empty() ? "precondition not met" : applicability.reason);
        result.evidence = std::move(applicability.evidence);
        return result;
      }
    }
    result.state = State::manual;
    result.reason = "needs a person: review the evidence";
    result.evidence = reviewer_evidence(check, context, {});
    return result;
  }
  if (!check.for_each.empty()) {
    evaluate_instances(check, context, result);
  } else {
    auto outcome = decide(check, context, {});
    result.state = outcome.state;
    result.reason = std::move(outcome.reason);
    result.evidence = std::move(outcome.evidence);
  }
  if (check.mode == "info" && result.state != State::error) result.state = State::info;
  auto extra = reviewer_evidence(check, context, {});
  if (check.for_each.empty()) std::ranges::move(extra, std::back_inserter(result.evidence));
  return result;
}

model::CheckResult not_selected(const model::Check& check, const model::Recommendation& recommendation) {
  auto result = base_result(check, recommendation);
  result.state = State::notselected;
  result.reason = "not selected";
  return result;
}

}  // namespace dockcis::engine
