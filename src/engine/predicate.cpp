// SPDX-License-Identifier: Apache-2.0
// Evaluation of test expressions: predicates and their combinators.
#include <algorithm>
#include <iterator>

#include "engine/evaluate.hpp"
#include "engine/operators.hpp"
#include "engine/value_types.hpp"
#include "model/fact_kinds.hpp"
#include "util/utf8.hpp"
#include "util/json_access.hpp"
#include "util/json_pointer.hpp"

namespace dockcis::engine {
namespace {

using model::Evidence;
using model::json;
using model::State;

TestOutcome unreadable(const model::Predicate& predicate, const ResolvedPredicate& resolved, Evidence evidence, const std::string& key,
                       const model::Fact* fact, bool reason_wanted) {
  TestOutcome outcome;
  outcome.slots = predicate_slots(resolved.slots, predicate, nullptr, json());
  if (fact == nullptr) {
    evidence.note = "fact " + key + " was not collected";
    outcome.slots[Slot::detail] = "it was not collected";
    outcome.error_kind = model::ErrorKind::not_collected;
  } else {
    evidence.note = fact->error().reason;
    outcome.slots[Slot::detail] = fact->error().reason;
    outcome.error_kind = fact->error().kind;
  }
  if (reason_wanted) outcome.reason = default_reason(State::error, outcome.slots, false);
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

// The document has no usable value where the predicate reads: an error
// (malformed answer) whose note and detail say what is wrong where.
TestOutcome malformed(const model::Predicate& predicate, const ResolvedPredicate& resolved, Evidence evidence, std::string note,
                      std::string detail, bool reason_wanted) {
  TestOutcome outcome;
  outcome.slots = predicate_slots(resolved.slots, predicate, nullptr, json());
  evidence.note = std::move(note);
  outcome.slots[Slot::detail] = std::move(detail);
  if (reason_wanted) outcome.reason = default_reason(State::error, outcome.slots, false);
  outcome.error_kind = model::ErrorKind::malformed_answer;
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

// A JSON pointer as a reader names it: the empty one is the whole document.
std::string place(const std::string& pointer) { return pointer.empty() ? "the document's root" : pointer; }

TestOutcome absent_field(const model::Predicate& predicate, const ResolvedPredicate& resolved, Evidence evidence, const std::string& key,
                         const std::string& pointer, bool reason_wanted, bool sent_null = false) {
  return malformed(predicate, resolved, std::move(evidence), key + (sent_null ? " has null at " : " has no ") + place(pointer),
                   (sent_null ? "the answer has null for " : "the answer has no field ") + place(pointer), reason_wanted);
}

// A value of another kind than a list to pluck from, or than the predicate's declared type.
TestOutcome mistyped(const model::Predicate& predicate, const ResolvedPredicate& resolved, Evidence evidence, const std::string& key,
                     const std::string& pointer, std::string_view expected, const std::string& found, bool reason_wanted) {
  return malformed(predicate, resolved, std::move(evidence), key + " has " + found + " at " + place(pointer) + ", not " + std::string(expected),
                   "expected " + std::string(expected) + " at " + place(pointer) + ", found " + found, reason_wanted);
}

// The first of the values a predicate judges that is not of its declared
// type: the value itself, or each plucked one. {pointer, what was found}.
std::optional<std::pair<std::string, std::string>> first_mistyped(const model::Predicate& predicate, const json& actual) {
  if (predicate.type == model::ValueType::any) return std::nullopt;
  if (predicate.pluck.empty()) {
    auto found = type_mismatch(actual, predicate.type);
    if (found.empty()) return std::nullopt;
    return std::pair{predicate.select, std::move(found)};
  }
  for (std::size_t i = 0; i < actual.size(); ++i) {
    auto found = type_mismatch(actual[i], predicate.type);
    if (!found.empty()) return std::pair{predicate.select + "/" + std::to_string(i) + predicate.pluck, std::move(found)};
  }
  return std::nullopt;
}

// Whether a fact of `kind` is the instance's own document (keyed by its id).
bool own_document(const model::FactKind* kind, const Instance& instance) {
  return !instance.id.empty() && kind != nullptr && kind->instance_of == instance.collection;
}

// Whether a check of an instance reads a document of the whole host (or of another instance kind).
bool host_wide_in(const model::FactKind* kind, const Instance& instance) { return !instance.id.empty() && !own_document(kind, instance); }

// Whether a value (or a list of them) carries text the collection edge had to repair.
bool holds_replacement(const json& value) {
  const auto repaired = [](const json& item) {
    return item.is_string() && item.get_ref<const std::string&>().find(util::kReplacement) != std::string::npos;
  };
  return repaired(value) || (value.is_array() && std::ranges::any_of(value, repaired));
}

// A field asked of a text, a number or a list is a document of another
// shape, not a field left out: an error even where absence has a meaning
// (if_missing, an operator about presence, a sparse kind). A sparse
// document's writer gives each option an object, never null.
std::optional<TestOutcome> other_shape(const model::Predicate& predicate, const ResolvedPredicate& resolved, Evidence& evidence,
                                       const Instance& instance, const json& document, bool reason_wanted) {
  const auto blocked = util::blocked_at(document, predicate.select, resolved.kind != nullptr && resolved.kind->sparse);
  if (!blocked) return std::nullopt;
  return mistyped(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), std::string(blocked->pointer),
                  blocked->index_next ? "an object or a list" : "an object", type_of(*blocked->value),
                  reason_wanted);
}

// The Engine (Go) writes null for an empty list; dockcis' own collectors
// write a list as a list. So a null where a check reads a list from a
// document collected on the host is one no collector wrote; daemon.json's
// options, which are what a user wrote, read null as not set.
bool null_for_own_list(const model::Predicate& predicate, const model::FactKind* kind, const json& selected) {
  const bool list_read = !predicate.pluck.empty() || predicate.type == model::ValueType::texts || predicate.type == model::ValueType::list;
  return selected.is_null() && list_read && kind != nullptr && kind->source == model::FactSource::host && !kind->sparse;
}

// An element of a plucked list that cannot be judged: where, and whether
// its field is absent (else it is null where the check declares a type).
struct BadElement {
  std::string pointer;
  bool absent;
};

// Each element's value at the predicate's pluck, into `plucked`. In a
// strict document an element without one is an error, and so is a null
// where the check declares a type: no writer puts null in a list it fills
// with texts (Go writes "" for an empty one).
std::optional<BadElement> pluck_each(const model::Predicate& predicate, const json& list, bool strict, json& plucked) {
  plucked = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& element = list[i];
    const auto* value = element.is_object() ? util::find_at(element, predicate.pluck) : nullptr;
    const bool typed_null = value != nullptr && value->is_null() && predicate.type != model::ValueType::any;
    if (strict && (value == nullptr || typed_null)) return BadElement{predicate.select + "/" + std::to_string(i) + predicate.pluck, value == nullptr};
    plucked.push_back(value != nullptr ? *value : json());
  }
  return std::nullopt;
}

TestOutcome evaluate_predicate(const model::Predicate& predicate, const EvalContext& context, const Instance& instance, Wanted wanted) {
  const auto& resolved = resolve(predicate, context);
  Evidence evidence{resolved.probe, json()};

  const auto* fact = find_fact(predicate.fact, context, instance);
  if (fact == nullptr || !*fact) return unreadable(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), fact, wanted.reason);

  // No collector gives a null document: a snapshot that holds one has nothing to judge.
  if ((**fact).is_null() && resolved.kind != nullptr && !resolved.kind->sparse && !resolved.op->judges_presence) {
    return absent_field(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), "", wanted.reason, true);
  }
  TestOutcome outcome;
  const auto* selected = util::find_at(**fact, predicate.select);
  auto refused = selected == nullptr ? other_shape(predicate, resolved, evidence, instance, **fact, wanted.reason) : std::nullopt;
  if (refused) return std::move(*refused);
  if (selected != nullptr && null_for_own_list(predicate, resolved.kind, *selected)) {
    return mistyped(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), predicate.select, "a list", "null", wanted.reason);
  }
  // A null where an equality reads a value is no value: absent, not unequal to everything.
  const bool sent_null = selected != nullptr && selected->is_null() && resolved.op->null_is_absent;
  if (sent_null) selected = nullptr;
  const bool found = selected != nullptr;
  // The value is read where it stands; only a plucked list is made anew.
  static const json kAbsent;
  json plucked_list;
  const json* actual = found ? selected : &kAbsent;
  // Phrasing what was found is most of a predicate's cost; a pass that no
  // one phrases skips it (the slots of a plucked value are phrased before it is plucked).
  const bool eager = wanted.pass_slots || !predicate.pluck.empty() || (!found && predicate.if_missing);
  if (eager) outcome.slots = predicate_slots(resolved.slots, predicate, &**fact, *actual);
  if (!found && predicate.if_missing) {
    outcome.state = *predicate.if_missing;
    evidence.note = outcome.slots.get(Slot::label) + " is not set";
    if (wanted.reason && outcome.state != State::pass) outcome.reason = default_reason(outcome.state, outcome.slots, false);
    outcome.evidence.push_back(std::move(evidence));
    return outcome;
  }
  const auto* op = resolved.op;
  // Failing to look is not passing: a field the document lacks is an error,
  // unless the operator is about presence, the check says what absence means,
  // or the document lists only what is set (a sparse kind).
  const auto* kind = resolved.kind;
  const bool strict = kind != nullptr && !kind->sparse && !op->judges_presence;
  if (!found && strict) {
    return absent_field(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), predicate.select, wanted.reason, sent_null);
  }
  // Where absence is allowed, a null sent in place of a value still shows in the evidence.
  if (sent_null) evidence.note = fact_key(predicate.fact, instance) + " has null at " + predicate.select + ", read as not set";
  if (!predicate.pluck.empty() && !actual->is_array() && !actual->is_null()) {
    return mistyped(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), predicate.select, "a list",
                    type_of(*actual), wanted.reason);
  }
  if (!predicate.pluck.empty() && actual->is_array()) {
    if (const auto bad = pluck_each(predicate, *actual, strict, plucked_list)) {
      if (bad->absent) return absent_field(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), bad->pointer, wanted.reason);
      return mistyped(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), bad->pointer,
                      type_phrase(predicate.type), "null", wanted.reason);
    }
    actual = &plucked_list;
    outcome.slots[Slot::value] = render_value(plucked_list);
  }
  if (const auto wrong = first_mistyped(predicate, *actual)) {
    return mistyped(predicate, resolved, std::move(evidence), fact_key(predicate.fact, instance), wrong->first,
                    type_phrase(predicate.type), wrong->second, wanted.reason);
  }
  if (holds_replacement(*actual)) evidence.note = "not valid UTF-8 on the host: invalid bytes are shown as U+FFFD";
  const auto result = op->apply(*actual, resolved.operand);
  outcome.state = result.state;
  if (!eager && result.state != State::pass) outcome.slots = predicate_slots(resolved.slots, predicate, &**fact, *actual);
  if (!result.message.empty()) evidence.note += (evidence.note.empty() ? "" : "; ") + result.message;
  if (!result.message.empty()) outcome.slots[Slot::detail] = result.message;
  if (wanted.reason && result.state != State::pass) outcome.reason = default_reason(result.state, outcome.slots, false);
  if (actual == &plucked_list && !host_wide_in(kind, instance)) evidence.actual = model::EvidenceValue(std::move(plucked_list));
  else set_found(evidence, *actual, kind, instance);
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

bool any_state(const std::vector<TestOutcome>& outcomes, State state) {
  return std::ranges::any_of(outcomes, [&](const TestOutcome& o) { return o.state == state; });
}

// The first child in `state` decides the combination's reason (and error
// kind), handed over: the children are not read after a decision.
void decide_by(TestOutcome& result, std::vector<TestOutcome>& outcomes, State state) {
  result.state = state;
  const auto first = std::ranges::find(outcomes, state, &TestOutcome::state);
  if (first == outcomes.end()) return;
  result.reason = std::move(first->reason);
  result.slots = std::move(first->slots);
  if (state == State::error) result.error_kind = first->error_kind;
}

// Every failure's reason, the first one's slots: a failing outcome has a
// reason whenever one is wanted.
void decide_any(TestOutcome& result, std::vector<TestOutcome>& outcomes) {
  if (any_state(outcomes, State::pass)) return decide_by(result, outcomes, State::pass);
  if (any_state(outcomes, State::error)) return decide_by(result, outcomes, State::error);
  if (!any_state(outcomes, State::fail)) return decide_by(result, outcomes, State::notapplicable);
  result.state = State::fail;
  result.slots = std::move(std::ranges::find(outcomes, State::fail, &TestOutcome::state)->slots);
  result.reason.clear();
  for (const auto& o : outcomes) {
    if (o.state == State::fail && !o.reason.empty()) result.reason += (result.reason.empty() ? "" : "; ") + o.reason;
  }
}

// first_of: the first child that passes or fails decides, and its evidence
// says it stood in for the sources before it. A source that could not be read
// is never covered by a later one's pass: that is an error (a later fail
// stands, the finding is certain); its error stays in the evidence.
TestOutcome first_decided(std::vector<TestOutcome> outcomes, std::vector<TestOutcome>::iterator decided, bool reason_wanted) {
  TestOutcome result;
  const auto failed_source = std::find_if(outcomes.begin(), decided, [](const TestOutcome& o) { return o.state == State::error; });
  for (auto it = outcomes.begin(); it != decided; ++it) {
    if (it->state == State::error) std::ranges::move(it->evidence, std::back_inserter(result.evidence));
  }
  if (decided != outcomes.begin() && !decided->evidence.empty()) {
    const auto& first = outcomes.front();
    auto& note = decided->evidence.front().note;
    note += (note.empty() ? "" : "; ") + std::string("used because the source before it ") +
            (first.state == State::error ? "could not be read" : "did not say") +
            (first.reason.empty() ? std::string() : " (" + first.reason + ")");
  }
  std::ranges::move(decided->evidence, std::back_inserter(result.evidence));
  if (failed_source != decided && decided->state == State::pass) {
    result.state = State::error;
    result.slots = failed_source->slots;
    result.slots[Slot::detail] += "; a later source would pass, but not in place of one that could not be read";
    if (reason_wanted) result.reason = default_reason(State::error, result.slots, false);
    result.error_kind = failed_source->error_kind;
    return result;
  }
  result.state = decided->state;
  result.reason = decided->reason;
  result.slots = std::move(decided->slots);
  return result;
}

// Combinator semantics: a failure beats an error for `all` (the finding is
// certain), an error beats a failure for `any` (a pass might be hidden).
TestOutcome combine(model::Test::Kind kind, std::vector<TestOutcome> outcomes, bool reason_wanted) {
  TestOutcome result;
  const auto decided = std::ranges::find_if(outcomes, [](const TestOutcome& o) {
    return o.state == State::pass || o.state == State::fail;
  });
  if (kind == model::Test::Kind::first_of && decided != outcomes.end()) return first_decided(std::move(outcomes), decided, reason_wanted);
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

TestOutcome invert(TestOutcome outcome, bool reason_wanted) {
  if (outcome.state == State::pass) {
    outcome.state = State::fail;
    outcome.slots[Slot::required] = "not " + outcome.slots.get(Slot::required);
    if (reason_wanted && outcome.reason.empty()) outcome.reason = default_reason(State::fail, outcome.slots, false);
  } else if (outcome.state == State::fail) {
    outcome.state = State::pass;
    outcome.reason.clear();
  }
  return outcome;
}

}  // namespace

const ResolvedPredicate& resolve(const model::Predicate& predicate, const EvalContext& context) {
  const auto [at, made] = context.resolved.try_emplace(&predicate);
  const auto& known = at->second;
  if (!made && known.probe->fact == predicate.fact && known.probe->select == predicate.select && known.probe->op == predicate.op &&
      known.probe->label == predicate.label && known.param == predicate.param && known.data == predicate.data && known.value == predicate.value) {
    return known;
  }
  json expected = predicate.param.empty() ? predicate.value : util::get_or(context.parameters, predicate.param, json());
  // A data operand is shown by name and date; the operator gets the whole document.
  json operand = expected;
  if (!predicate.data.empty() && context.data != nullptr) {
    operand = util::get_or(*context.data, predicate.data, json());
    expected = json{{"data", predicate.data}, {"updated", util::get_or(operand, "updated", json())}};
  }
  auto slots = predicate_constant_slots(predicate, expected);
  at->second = {std::make_shared<const model::Probe>(model::Probe{predicate.fact, predicate.select, predicate.op, std::move(expected), predicate.label}),
                std::move(operand), predicate.param, predicate.data, predicate.value, std::move(slots), find_operator(predicate.op),
                model::find_fact_kind(predicate.fact)};
  return at->second;
}

std::string fact_key(const std::string& fact, const Instance& instance) {
  const auto* kind = model::find_fact_kind(fact);
  if (own_document(kind, instance)) {
    return model::instance_key(instance.collection, instance.id, model::instance_field(*kind));
  }
  return fact;
}

void set_found(model::Evidence& evidence, const json& value, const model::FactKind* kind, const Instance& instance) {
  if (!host_wide_in(kind, instance)) {
    evidence.actual = value;
    return;
  }
  bool cut = false;
  evidence.actual = model::EvidenceValue::repeated(value, cut);
  if (!cut) return;
  if (!evidence.note.empty()) evidence.note += "; ";
  evidence.note += "one host-wide value, the same in every " + instance.collection + ": shown cut to its first 4 KiB";
}

const model::Fact* find_fact(const std::string& fact, const EvalContext& context, const Instance& instance) {
  auto& last = context.last_instance;
  last.switch_to(instance.collection, instance.id, context.facts.changes());
  for (const auto& [name, found] : last.found) {
    if (name == fact) return found;
  }
  const auto* found = context.facts.find(fact_key(fact, instance));
  last.found.emplace_back(fact, found);
  return found;
}

TestOutcome evaluate_test(const model::Test& test, const EvalContext& context, const Instance& instance, Wanted wanted) {
  // Under a negation a pass becomes a failure, whose reason is phrased from the slots.
  switch (test.kind) {
    case model::Test::Kind::predicate: return evaluate_predicate(test.predicate, context, instance, wanted);
    case model::Test::Kind::negate:
      return invert(evaluate_test(test.children.front(), context, instance, {.pass_slots = true, .reason = wanted.reason}), wanted.reason);
    default: break;
  }
  const bool none = test.kind == model::Test::Kind::none;
  std::vector<TestOutcome> outcomes;
  outcomes.reserve(test.children.size());
  for (const auto& child : test.children) {
    // first_of's note quotes the first source's reason.
    const bool quoted = test.kind == model::Test::Kind::first_of && outcomes.empty();
    outcomes.push_back(evaluate_test(child, context, instance, {.pass_slots = wanted.pass_slots || none, .reason = wanted.reason || quoted}));
  }
  if (none) return invert(combine(model::Test::Kind::any, std::move(outcomes), wanted.reason), wanted.reason);
  return combine(test.kind, std::move(outcomes), wanted.reason);
}

}  // namespace dockcis::engine
