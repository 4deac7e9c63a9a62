// SPDX-License-Identifier: Apache-2.0
// Evaluation of test expressions: predicates and their combinators.
#include <algorithm>
#include <iterator>

#include "engine/evaluate.hpp"
#include "engine/operators.hpp"
#include "model/fact_kinds.hpp"

namespace dockcis::engine {
namespace {

using model::Evidence;
using model::json;
using model::State;

std::string describe_operand(const model::Predicate& predicate) {
  const auto* op = find_operator(predicate.op);
  return op ? std::string(op->describes) : predicate.op;
}

std::string value_name(const model::Predicate& predicate) {
  return predicate.label.empty() ? predicate.fact + predicate.select : predicate.label;
}

TestOutcome unreadable(const model::Predicate& predicate, Evidence evidence, const std::string& key, const model::Fact* fact) {
  TestOutcome outcome;
  if (fact == nullptr) {
    evidence.note = "fact " + key + " was not collected";
    outcome.reason = evidence.note;
    outcome.error_kind = model::ErrorKind::not_collected;
  } else {
    evidence.note = fact->error().reason;
    outcome.reason = "could not read " + predicate.fact + ": " + fact->error().reason;
    outcome.error_kind = fact->error().kind;
  }
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

TestOutcome evaluate_predicate(const model::Predicate& predicate, const EvalContext& context, const Instance& instance) {
  Evidence evidence{predicate.fact, predicate.select, json(), predicate.op, predicate.value, predicate.label, {}};
  if (!predicate.param.empty()) evidence.expected = context.parameters.value(predicate.param, json());

  const auto key = fact_key(predicate.fact, instance);
  const auto* fact = context.facts.find(key);
  if (fact == nullptr || !*fact) return unreadable(predicate, std::move(evidence), key, fact);

  TestOutcome outcome;
  const json::json_pointer pointer(predicate.select);
  const bool found = (*fact)->contains(pointer);
  json actual = found ? (*fact)->at(pointer) : json();
  if (!found && predicate.if_missing) {
    outcome.state = *predicate.if_missing;
    evidence.note = value_name(predicate) + " is not set";
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
    outcome.reason = result.message.empty() ? value_name(predicate) + " is " + actual.dump() + ", expected " +
                                                  describe_operand(predicate) +
                                                  (evidence.expected.is_null() ? "" : " " + evidence.expected.dump())
                                            : result.message;
  }
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

bool any_state(const std::vector<TestOutcome>& outcomes, State state) {
  return std::ranges::any_of(outcomes, [&](const TestOutcome& o) { return o.state == state; });
}

// The first child in `state` decides the combination's reason (and error kind).
void decide_by(TestOutcome& result, const std::vector<TestOutcome>& outcomes, State state) {
  result.state = state;
  const auto first = std::ranges::find(outcomes, state, &TestOutcome::state);
  if (first == outcomes.end()) return;
  result.reason = first->reason;
  if (state == State::error) result.error_kind = first->error_kind;
}

void decide_any(TestOutcome& result, const std::vector<TestOutcome>& outcomes) {
  if (any_state(outcomes, State::pass)) return decide_by(result, outcomes, State::pass);
  if (any_state(outcomes, State::error)) return decide_by(result, outcomes, State::error);
  if (!any_state(outcomes, State::fail)) return decide_by(result, outcomes, State::notapplicable);
  result.state = State::fail;
  result.reason.clear();
  for (const auto& o : outcomes) {
    if (o.state != State::fail || o.reason.empty()) continue;
    result.reason += (result.reason.empty() ? "" : "; ") + o.reason;
  }
}

// Combinator semantics: a failure beats an error for `all` (the finding is
// certain), an error beats a failure for `any` (a pass might be hidden).
TestOutcome combine(model::Test::Kind kind, std::vector<TestOutcome> outcomes) {
  TestOutcome result;
  const auto decided = std::ranges::find_if(outcomes, [](const TestOutcome& o) {
    return o.state == State::pass || o.state == State::fail;
  });
  // first_of reports only the child that decided; the others report everything read.
  if (kind == model::Test::Kind::first_of && decided != outcomes.end()) {
    result.state = decided->state;
    result.reason = decided->reason;
    result.evidence = decided->evidence;
    return result;
  }
  for (auto& o : outcomes) std::ranges::move(o.evidence, std::back_inserter(result.evidence));
  if (kind == model::Test::Kind::all) {
    if (any_state(outcomes, State::fail)) decide_by(result, outcomes, State::fail);
    else if (any_state(outcomes, State::error)) decide_by(result, outcomes, State::error);
    else if (any_state(outcomes, State::pass)) decide_by(result, outcomes, State::pass);
    else decide_by(result, outcomes, State::notapplicable);
  } else if (kind == model::Test::Kind::any) {
    decide_any(result, outcomes);
  } else {
    decide_by(result, outcomes, any_state(outcomes, State::error) ? State::error : State::notapplicable);
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

}  // namespace

std::string fact_key(const std::string& fact, const Instance& instance) {
  const auto* kind = model::find_fact_kind(fact);
  if (!instance.id.empty() && kind != nullptr && kind->instance_of == instance.collection) {
    return model::instance_key(instance.collection, instance.id, model::instance_field(*kind));
  }
  return fact;
}

TestOutcome evaluate_test(const model::Test& test, const EvalContext& context, const Instance& instance) {
  switch (test.kind) {
    case model::Test::Kind::predicate: return evaluate_predicate(test.predicate, context, instance);
    case model::Test::Kind::negate: return invert(evaluate_test(test.children.front(), context, instance));
    default: break;
  }
  std::vector<TestOutcome> outcomes;
  for (const auto& child : test.children) outcomes.push_back(evaluate_test(child, context, instance));
  if (test.kind == model::Test::Kind::none) return invert(combine(model::Test::Kind::any, std::move(outcomes)));
  return combine(test.kind, std::move(outcomes));
}

}  // namespace dockcis::engine
