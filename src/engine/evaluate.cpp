// SPDX-License-Identifier: Apache-2.0
#include "engine/evaluate.hpp"

#include <algorithm>
#include <iterator>

#include "engine/setting_sources.hpp"
#include "model/container_running.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "model/listed_name.hpp"
#include "util/json_access.hpp"
#include "util/json_pointer.hpp"

namespace dockcis::engine {
namespace {

using model::Evidence;
using model::json;
using model::State;

std::vector<Evidence> reviewer_evidence(const model::Check& check, const EvalContext& context, const Instance& instance) {
  std::vector<Evidence> out;
  for (const auto& ref : check.evidence) {
    auto& probe = context.resolved[&ref].probe;
    // Another one at the address (a predicate's probe has an operator) is made again.
    if (probe == nullptr || probe->fact != ref.fact || probe->select != ref.select || probe->label != ref.label || !probe->op.empty()) {
      probe = std::make_shared<const model::Probe>(model::Probe{ref.fact, ref.select, {}, json(), ref.label});
    }
    Evidence evidence{probe, json()};
    const auto* fact = find_fact(ref.fact, context, instance);
    if (fact == nullptr) {
      evidence.note = "not collected";
    } else if (!*fact) {
      evidence.note = fact->error().reason;
    } else {
      if (const auto* selected = util::find_at(**fact, ref.select)) set_found(evidence, *selected, model::find_fact_kind(ref.fact), instance);
      else evidence.note = "not set";
    }
    out.push_back(std::move(evidence));
  }
  return out;
}

/// The outcome's reason as the check phrases it (nothing for a pass).
TestOutcome phrased(TestOutcome outcome, const model::Check& check, bool applicability, const Instance& instance) {
  if (outcome.state != State::pass) {
    outcome.reason = phrase_reason(check, outcome.state, outcome.slots, applicability, instance.name);
  }
  if (applicability && outcome.state == State::fail) outcome.state = State::notapplicable;
  return outcome;
}

/// applies_if, then the test; shared by host-wide checks and each instance.
TestOutcome decide(const model::Check& check, const EvalContext& context, const Instance& instance) {
  if (check.applies_if) {
    // A pass here only lets the test run: its slots are not read.
    auto applicability = evaluate_test(*check.applies_if, context, instance, {.pass_slots = false, .reason = false});
    if (applicability.state != State::pass) return phrased(std::move(applicability), check, true, instance);
  }
  // A host-wide check's remediation and setting table read the deciding slots even on a pass.
  return phrased(evaluate_test(*check.test, context, instance, {.pass_slots = instance.id.empty(), .reason = false}), check, false, instance);
}

// Whether only running instances count: a running_containers check, or --running-only for containers.
bool counts_running_only(const model::Collection& collection, const EvalContext& context) {
  return collection.running_only || (context.running_only && collection.instance == "container");
}

// The check's state from its instances' states.
void aggregate(model::CheckResult& result, const model::Collection& collection, bool running_only) {
  auto count = [&](State state) { return std::ranges::count(result.instances, state, &model::InstanceResult::state); };
  const auto total = result.instances.size();
  const std::string instance(collection.instance);
  const auto noun = instance + (total == 1 ? "" : "s");
  if (total == 0) {
    result.state = State::notapplicable;
    result.reason = "Not applicable: there are no " + std::string(running_only ? "running " : "") + instance + "s";
  } else if (count(State::fail) > 0) {
    result.state = State::fail;
    result.reason = instances_reason(result.instances, State::fail, instance);
  } else if (count(State::error) > 0) {
    result.state = State::error;
    result.reason = instances_reason(result.instances, State::error, instance);
  } else if (count(State::pass) > 0) {
    result.state = State::pass;
    result.reason = "all " + std::to_string(count(State::pass)) + " applicable " + noun + " pass";
  } else {
    result.state = State::notapplicable;
    result.reason = instances_reason(result.instances, State::notapplicable, instance);
  }
}

model::CheckResult evaluate_manual(model::CheckResult result, const model::Check& check, const EvalContext& context) {
  // A manual check still has to apply (a swarm review on a host without a swarm does not).
  if (check.applies_if) {
    auto applicability = evaluate_test(*check.applies_if, context, {}, {.pass_slots = true, .reason = false});
    if (applicability.state != State::pass) {
      applicability = phrased(std::move(applicability), check, true, {});
      const bool error = applicability.state == State::error;
      result.state = applicability.state;
      result.reason = std::move(applicability.reason);
      if (error) result.error_kind = applicability.error_kind;
      result.evidence = std::move(applicability.evidence);
      return result;
    }
  }
  result.state = State::manual;
  result.reason = manual_reason(check, result.title);
  result.evidence = reviewer_evidence(check, context, {});
  return result;
}

// The remediation with the host's own values: the deciding predicate's path,
// option and source, the daemon.json dockerd reads and the running dockerd.
void fill_remediation(model::CheckResult& result, const model::Check& check, const EvalContext& context, const Slots& decided) {
  const auto* config = context.facts.find(model::facts::daemon_config);
  auto slots = host_slots(config != nullptr && *config ? &**config : nullptr);
  slots.assign_from(decided);
  // A target the host did not resolve is named in words; a command needs the placeholder spelled out.
  if (const auto* path = slots.find(Slot::path); path != nullptr && !path->starts_with('/')) {
    slots[Slot::path] = "PATH (" + *path + ")";
  }
  result.remediation = fill_template(check.remediation, slots);
}

// Looked up once per instance: nothing is copied unless the subject is new.
std::shared_ptr<const model::Subject> made_subject(const EvalContext& context, std::string_view collection, std::string_view id,
                                                   std::string_view name, std::string_view image) {
  auto of_collection = context.subjects.find(collection);
  if (of_collection == context.subjects.end()) of_collection = context.subjects.try_emplace(std::string(collection)).first;
  auto& by_id = of_collection->second;
  const auto found = by_id.find(id);
  if (found != by_id.end() && found->second->name == name && found->second->image == image) return found->second;
  // The full id still finds the instance's facts; the subject shows it cut as subject_of cut the rest.
  auto made = std::make_shared<const model::Subject>(
      model::Subject{model::shown_subject_text(std::string(id)), std::string(name), std::string(image)});
  by_id.insert_or_assign(std::string(id), made);
  return made;
}

}  // namespace

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

const model::json* start_instances(const model::Check& check, const EvalContext& context, model::CheckResult& result) {
  const auto& collection = *model::find_collection(check.for_each);
  const std::string instance_kind(collection.instance);
  const auto* list = context.facts.find(collection.list_fact);
  if (list == nullptr || !*list) {
    result.state = State::error;
    result.reason = "could not list " + instance_kind + "s: " + (list == nullptr ? std::string("not collected") : list->error().reason);
    result.error_kind = list == nullptr ? model::ErrorKind::not_collected : list->error().kind;
    return nullptr;
  }
  if (!(**list).is_array()) {
    // A snapshot is anyone's file: its list may be anything.
    result.state = State::error;
    result.reason = "could not list " + instance_kind + "s: the list is " + std::string((**list).type_name()) + ", not an array";
    result.error_kind = model::ErrorKind::malformed_answer;
    return nullptr;
  }
  result.collection = instance_kind;
  result.instances.reserve((**list).size());
  return &**list;
}

// Whether a listed instance runs: only containers do, decided as their collectors decide it.
bool listed_running(const EvalContext& context, std::string_view collection, const json& entry, const std::string& id) {
  if (collection != "container") return false;
  return model::container_running(entry, context.facts.value(model::instance_key(collection, id, "inspect")));
}

ListedInstance listed_instance(const EvalContext& context, std::string_view collection, const json& entry) {
  const auto id = util::get_or(entry, "Id", std::string());
  // The name as reports show it: reasons name the instance too.
  ListedInstance listed{{std::string(collection), id, model::shown_subject_text(model::listed_name(entry))},
                        listed_running(context, collection, entry, id), nullptr};
  listed.subject = subject_of(context, collection, listed.instance.id, listed.instance.name, util::get_or(entry, "Image", std::string_view()));
  return listed;
}

void add_instance(const model::Check& check, const EvalContext& context, const ListedInstance& listed, model::CheckResult& result) {
  if (counts_running_only(*model::find_collection(check.for_each), context) && !listed.running) return;
  model::InstanceResult item(listed.subject);
  auto outcome = decide(check, context, listed.instance);
  item.state = outcome.state;
  item.reason = std::move(outcome.reason);
  item.evidence = std::move(outcome.evidence);
  std::ranges::move(reviewer_evidence(check, context, listed.instance), std::back_inserter(item.evidence));
  if (item.state == State::error) item.error_kind = outcome.error_kind;
  result.instances.push_back(std::move(item));
}

void add_instance(const model::Check& check, const EvalContext& context, const json& entry, model::CheckResult& result) {
  add_instance(check, context, listed_instance(context, result.collection, entry), result);
}

void finish_instances(const model::Check& check, const EvalContext& context, model::CheckResult& result) {
  // An empty collection: the list could not be read, and start_instances said why.
  if (!result.collection.empty()) {
    const auto& collection = *model::find_collection(check.for_each);
    aggregate(result, collection, counts_running_only(collection, context));
  }
  if (check.mode == "info" && result.state != State::error) result.state = State::info;
  fill_remediation(result, check, context, {});
}

std::shared_ptr<const model::Subject> subject_of(const EvalContext& context, std::string_view collection, std::string_view id,
                                                 std::string_view name, std::string_view image) {
  // Cut here, so that the subjects compared below are the ones made.
  std::string shown_name;
  std::string shown_image;
  if (name.size() > model::kShownSubjectText) name = shown_name = model::shown_subject_text(std::string(name));
  if (image.size() > model::kShownSubjectText) image = shown_image = model::shown_subject_text(std::string(image));
  // Every check of an instance asks in turn: the last one answers at once.
  auto& last = context.last_instance;
  last.switch_to(collection, id, context.facts.changes());
  if (last.subject != nullptr && last.subject->name == name && last.subject->image == image) return last.subject;
  last.subject = made_subject(context, collection, id, name, image);
  return last.subject;
}

model::CheckResult evaluate_check(const model::Check& check, const model::Recommendation& recommendation,
                                  const EvalContext& context) {
  auto result = base_result(check, recommendation);
  Slots slots;
  if (check.mode == "manual") {
    fill_remediation(result, check, context, slots);
    return evaluate_manual(std::move(result), check, context);
  }
  if (!check.for_each.empty()) {
    if (const auto* entries = start_instances(check, context, result)) {
      for (const auto& entry : *entries) add_instance(check, context, entry, result);
    }
    finish_instances(check, context, result);
    return result;
  }
  auto outcome = decide(check, context, {});
  slots = std::move(outcome.slots);
  result.state = outcome.state;
  result.reason = std::move(outcome.reason);
  result.evidence = std::move(outcome.evidence);
  if (result.state == State::error) result.error_kind = outcome.error_kind;
  result.setting = setting_of(check, context, slots);
  if (check.mode == "info" && result.state != State::error) result.state = State::info;
  fill_remediation(result, check, context, slots);
  std::ranges::move(reviewer_evidence(check, context, {}), std::back_inserter(result.evidence));
  return result;
}

model::CheckResult not_selected(const model::Check& check, const model::Recommendation& recommendation) {
  auto result = base_result(check, recommendation);
  result.state = State::notselected;
  result.reason = "not selected";
  return result;
}

}  // namespace dockcis::engine
