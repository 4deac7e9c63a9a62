// SPDX-License-Identifier: Apache-2.0
#include "engine/result_changes.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>

namespace dockcis::engine {
namespace {

using model::State;

bool worth_telling(State state) { return state == State::fail || state == State::error; }

ResultChange change_of(const model::CheckResult& check, const model::InstanceResult* instance) {
  ResultChange change;
  change.check_key = check.key;
  change.cis_id = check.id;
  change.title = check.title;
  change.severity = check.severity;
  if (instance != nullptr) {
    change.instance_id = instance->id();
    change.instance_name = instance->name();
    change.new_state = instance->state;
    change.reason = instance->reason;
    change.evidence = instance->evidence;
  } else {
    change.new_state = check.state;
    change.reason = check.reason;
    change.evidence = check.evidence;
  }
  return change;
}

}  // namespace

std::vector<ResultChange> diff_instances(const std::vector<model::InstanceResult>& before, const model::CheckResult& after) {
  std::vector<ResultChange> changes;
  std::map<std::string_view, const model::InstanceResult*> old;
  for (const auto& instance : before) old[instance.id()] = &instance;
  for (const auto& instance : after.instances) {
    const auto found = old.find(instance.id());
    const bool changed = found == old.end() ? worth_telling(instance.state) : found->second->state != instance.state;
    if (changed) {
      auto change = change_of(after, &instance);
      if (found != old.end()) change.old_state = found->second->state;
      changes.push_back(std::move(change));
    }
    if (found != old.end()) old.erase(found);
  }
  for (const auto& [id, instance] : old) {
    if (!worth_telling(instance->state)) continue;
    auto change = change_of(after, instance);
    change.old_state = instance->state;
    change.new_state.reset();
    change.reason = "the container is gone";
    change.evidence.clear();
    changes.push_back(std::move(change));
  }
  return changes;
}

std::vector<ResultChange> diff_results(const model::CheckResult* before, const model::CheckResult& after) {
  // An error without instances did not reach them (the container list could
  // not be read): its containers were not seen, so none is gone. The change
  // is the check's, and the instances still failing are told anew once read.
  const bool unseen = after.instances.empty() && after.state == State::error;
  const bool per_instance = !unseen && (!after.instances.empty() || (before != nullptr && !before->instances.empty()));
  if (per_instance) {
    static const std::vector<model::InstanceResult> kNone;
    return diff_instances(before != nullptr ? before->instances : kNone, after);
  }
  std::vector<ResultChange> changes;
  const bool changed = before == nullptr ? worth_telling(after.state) : before->state != after.state;
  if (changed) {
    auto change = change_of(after, nullptr);
    if (before != nullptr) change.old_state = before->state;
    changes.push_back(std::move(change));
  }
  return changes;
}

std::vector<ResultChange> diff_after_unseen(const model::CheckResult& before, const std::vector<model::InstanceResult>& last_seen,
                                            const model::CheckResult& after) {
  std::vector<ResultChange> changes;
  if (before.state != after.state) {
    auto change = change_of(after, nullptr);
    change.old_state = before.state;
    changes.push_back(std::move(change));
  }
  std::ranges::move(diff_instances(last_seen, after), std::back_inserter(changes));
  return changes;
}

}  // namespace dockcis::engine
