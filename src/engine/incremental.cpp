// SPDX-License-Identifier: Apache-2.0
#include "engine/incremental.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <string_view>

#include "engine/evaluate.hpp"
#include "engine/fields_read.hpp"
#include "engine/list_places.hpp"
#include "engine/plan.hpp"
#include "engine/score.hpp"
#include "engine/select.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "util/json_access.hpp"
#include "util/time.hpp"
#include "util/utf8.hpp"

namespace dockcis::engine {
namespace {

using model::State;

// The container list and every kind read per container (inspect,
// processes, main process, image tag...), from the registry.
const std::set<std::string_view>& container_kinds() {
  static const std::set<std::string_view> kinds = [] {
    std::set<std::string_view> names{model::facts::engine_containers};
    for (const auto& kind : model::fact_kinds()) {
      if (kind.instance_of == "container") names.insert(kind.name);
    }
    return names;
  }();
  return kinds;
}

// This container's facts of every per-container kind.
std::vector<std::string> instance_keys(const std::string& id) {
  std::vector<std::string> keys;
  for (const auto& kind : model::fact_kinds()) {
    if (kind.instance_of == "container") keys.push_back(model::instance_key(kind.name, id));
  }
  return keys;
}

bool reads_containers(const model::Check& check) {
  return std::ranges::any_of(facts_read(check), [](const std::string& fact) {
    return container_kinds().contains(model::kind_name_of(fact));
  });
}

bool per_container(const model::Check& check) { return check.for_each == "containers" || check.for_each == "running_containers"; }

// The check's state from its instances' after a change to one of them,
// waived instances included; the before-waivers state rides along for the score.
void roll_up(model::CheckResult& result, const model::Check& check) {
  const auto rolled = [&](bool before_waivers) {
    const auto count = [&](State state) {
      return std::ranges::count_if(result.instances, [&](const model::InstanceResult& i) {
        return (before_waivers ? i.original_state.value_or(i.state) : i.state) == state;
      });
    };
    if (count(State::fail) > 0) return State::fail;
    if (count(State::error) > 0) return State::error;
    if (count(State::pass) > 0) return State::pass;
    if (count(State::waived) > 0) return State::waived;
    return State::notapplicable;
  };
  const auto total = std::to_string(result.instances.size()) + " container" + (result.instances.size() == 1 ? "" : "s");
  result.state = rolled(false);
  const auto before = rolled(true);
  result.original_state = before != result.state ? std::optional(before) : std::nullopt;
  if (check.mode == "info" && result.state != State::error) result.state = State::info;
  const auto failed = std::ranges::count(result.instances, State::fail, &model::InstanceResult::state);
  const auto errors = std::ranges::count(result.instances, State::error, &model::InstanceResult::state);
  if (result.instances.empty()) result.reason = "no containers";
  else if (result.state == State::fail) result.reason = std::to_string(failed) + " of " + total + " fail";
  else if (result.state == State::error) result.reason = "could not decide for " + std::to_string(errors) + " of " + total;
  else if (result.state == State::pass) result.reason = "all applicable of " + total + " pass";
  else result.reason = "not applicable to any of " + total;
}

}  // namespace

IncrementalAudit::IncrementalAudit(Catalogue catalogue, AuditSettings settings)
    : catalogue_(std::move(catalogue)), settings_(std::move(settings)) {}

void IncrementalAudit::reload(Catalogue catalogue, AuditSettings settings) {
  catalogue_ = std::move(catalogue);
  settings_ = std::move(settings);
}

std::set<std::string> IncrementalAudit::planned() const { return plan_facts(catalogue_, selection_of(settings_)); }

model::FieldsRead IncrementalAudit::fields_read() const { return engine::fields_read(catalogue_, selection_of(settings_)); }

std::expected<std::vector<ResultChange>, AuditError> IncrementalAudit::full(model::FactStore facts) {
  auto report = audit(catalogue_, facts, settings_);
  if (!report) return std::unexpected(report.error());
  std::map<std::string, const model::CheckResult*> old;
  if (audited_) {
    for (const auto& result : report_.results) old[result.key] = &result;
  }
  std::vector<ResultChange> changes;
  std::set<std::string_view> judged;
  for (const auto& result : report->results) {
    const auto found = old.find(result.key);
    std::ranges::move(changes_of(found == old.end() ? nullptr : found->second, result), std::back_inserter(changes));
    judged.insert(result.key);
  }
  // A check no longer in the profile (a reload) forgets what it saw.
  std::erase_if(last_seen_, [&](const auto& entry) { return !judged.contains(entry.first); });
  report_ = std::move(*report);
  facts_ = std::move(facts);
  audited_ = true;
  return changes;
}

namespace {
// An error without instances: the check did not reach its containers (their list could not be read).
bool unseen(const model::CheckResult& result) { return result.instances.empty() && result.state == model::State::error; }
}  // namespace

std::vector<ResultChange> IncrementalAudit::changes_of(const model::CheckResult* before, const model::CheckResult& after) {
  if (unseen(after)) {
    if (before != nullptr && !before->instances.empty()) last_seen_[after.key] = before->instances;
    return diff_results(before, after);
  }
  std::vector<model::InstanceResult> last_seen;
  if (const auto remembered = last_seen_.find(after.key); remembered != last_seen_.end()) {
    last_seen = std::move(remembered->second);
    last_seen_.erase(remembered);
  }
  // Seen again: its instances, or none at all (notapplicable: no container left).
  // Deselected or waived whole, it says nothing of its containers.
  const bool listed = !after.instances.empty() || after.state == model::State::notapplicable;
  if (before != nullptr && unseen(*before) && listed) return diff_after_unseen(*before, last_seen, after);
  return diff_results(before, after);
}

bool IncrementalAudit::knows_container(const std::string& id) const {
  const auto* list = facts_.value(model::facts::engine_containers);
  return list != nullptr && list->is_array() &&
         std::ranges::any_of(*list, [&](const model::json& entry) { return util::get_or(entry, "Id", std::string()) == id; });
}

std::vector<ResultChange> IncrementalAudit::container_read(const model::json& entry, const model::FactStore& read) {
  std::vector<ContainerChange> batch(1);
  batch.front().id = util::get_or(entry, "Id", std::string());
  batch.front().entry = entry;
  batch.front().facts = read;
  return containers_changed(std::move(batch));
}

std::vector<ResultChange> IncrementalAudit::container_gone(const std::string& id) {
  std::vector<ContainerChange> batch(1);
  batch.front().id = id;
  return containers_changed(std::move(batch));
}

std::vector<ResultChange> IncrementalAudit::containers_changed(std::vector<ContainerChange> batch) {
  if (!audited_) return {};
  // The last change to each id, in the order first touched.
  std::map<std::string, std::size_t, std::less<>> last;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& change = batch[i];
    // A read's entry names the container its facts are keyed by.
    if (change.id.empty() || (change.entry && util::get_or(*change.entry, "Id", std::string()) != change.id)) continue;
    if (last.insert_or_assign(change.id, i).second) ids.push_back(change.id);
  }
  if (ids.empty()) return {};
  auto list = facts_.take(model::facts::engine_containers).value_or(model::json::array());
  const bool listable = list && list->is_array();
  std::set<std::string, std::less<>> listed;
  std::vector<model::json> rest;
  if (listable) {
    rest.reserve(list->size());
    for (auto& entry : *list) {
      const auto id = util::get_or(entry, "Id", std::string_view());
      if (!last.contains(id)) rest.push_back(std::move(entry));
      else listed.emplace(id);
    }
  }
  std::vector<std::string> evaluated;
  model::json batch_list = model::json::array();  // the batch's entries, as the list holds them
  for (const auto& id : ids) {
    auto& change = batch[last.at(id)];
    // A container removed that the last audit never listed has no results to drop.
    if (!change.entry && !listed.contains(id)) continue;
    if (change.entry && listable) {
      // The rest of the list was made valid UTF-8 when it was stored; the new entry is made so here.
      util::make_valid_utf8(*change.entry);
      batch_list.push_back(std::move(*change.entry));
    }
    // What was read replaces this container's facts; a kind not read again
    // (not planned, or its read failed before it) is not kept from before.
    for (const auto& key : instance_keys(id)) {
      facts_.take(key);
      if (const auto* fact = change.entry ? change.facts.find(key) : nullptr) facts_.set(key, *fact);
    }
    evaluated.push_back(id);
  }
  sort_listed(batch_list);
  if (listable) *list = merge_listed(std::move(rest), batch_list);
  facts_.put_back(model::facts::engine_containers, std::move(list));
  return evaluated.empty() ? std::vector<ResultChange>{} : evaluate_containers(evaluated, std::move(batch_list));
}

// Per-container checks are evaluated over a list holding only the batch's
// containers (swapped in for the moment), so a batch costs its containers'
// evaluation and one pass over each check's instances, whatever the number
// of containers; the host-wide checks that read the container list see the
// whole list, once for the batch. A list that could not be read (an error,
// or not a list) leaves the per-container results as the full audit gave them.
std::vector<ResultChange> IncrementalAudit::evaluate_containers(const std::vector<std::string>& ids, model::json batch_list) {
  std::vector<ResultChange> changes;
  const auto* profile = catalogue_.find_profile(report_.profile_id);
  if (profile == nullptr || profile->recommendations.size() != report_.results.size()) return changes;
  const auto selection = selection_of(settings_);
  const auto today = util::rfc3339(settings_.clock()).substr(0, 10);
  auto whole = facts_.take(model::facts::engine_containers).value_or(model::json::array());
  const bool listable = whole && whole->is_array();
  const auto places = listable ? places_in(*whole, ids) : ListPlaces{};
  facts_.put_back(model::facts::engine_containers, std::move(batch_list));
  const EvalContext context{facts_, report_.parameters, settings_.running_only};
  std::vector<std::size_t> host_wide;
  std::deque<model::Check> tailored;  // the checks the tailoring changes, copied once per batch
  for (std::size_t i = 0; i < profile->recommendations.size(); ++i) {
    const auto& recommendation = profile->recommendations[i];
    if (!is_selected(recommendation, selection)) continue;
    const auto& check = tailored_check(settings_.tailoring, catalogue_.checks.at(recommendation.key), tailored);
    // A manual check's state does not follow containers; its reviewer
    // evidence (every container's ports, images, ...) is refreshed by the
    // full audits, not copied again at each event.
    if (!reads_containers(check) || check.mode == "manual") continue;
    if (!per_container(check)) {
      host_wide.push_back(i);
      continue;
    }
    if (!listable) continue;
    std::vector<model::CheckResult> fresh{evaluate_check(check, recommendation, context)};
    apply_waivers(settings_.waivers, facts_, today, fresh);
    const auto previous = take_batch_instances(report_.results[i], places);
    std::ranges::move(diff_instances(previous, fresh.front()), std::back_inserter(changes));
    place_instances(report_.results[i], std::move(fresh.front()), places);
    roll_up(report_.results[i], check);
  }
  facts_.put_back(model::facts::engine_containers, std::move(whole));
  for (const auto i : host_wide) {
    reevaluate(i, profile->recommendations[i], context, today, changes);
  }
  refresh_summary();
  return changes;
}

std::vector<ResultChange> IncrementalAudit::kinds_read(model::FactStore fresh) {
  std::vector<ResultChange> changes;
  const auto* profile = catalogue_.find_profile(report_.profile_id);
  if (!audited_ || profile == nullptr || profile->recommendations.size() != report_.results.size()) return changes;
  std::set<std::string_view> kinds;
  for (const auto& [key, fact] : fresh.all()) {
    if (const auto* kind = model::kind_of_key(key)) kinds.insert(kind->name);
  }
  std::vector<std::string> stale;
  for (const auto& [key, fact] : facts_.all()) {
    const auto* kind = model::kind_of_key(key);
    if (kind != nullptr && kinds.contains(kind->name)) stale.push_back(key);
  }
  for (const auto& key : stale) facts_.take(key);
  for (const auto& [key, fact] : fresh.all()) facts_.set(key, fact);
  const auto selection = selection_of(settings_);
  const auto today = util::rfc3339(settings_.clock()).substr(0, 10);
  const EvalContext context{facts_, report_.parameters, settings_.running_only};
  for (std::size_t i = 0; i < profile->recommendations.size(); ++i) {
    const auto& recommendation = profile->recommendations[i];
    if (!is_selected(recommendation, selection)) continue;
    const auto reads = facts_read(catalogue_.checks.at(recommendation.key));
    if (!std::ranges::any_of(reads, [&](const std::string& fact) { return kinds.contains(model::kind_name_of(fact)); })) continue;
    reevaluate(i, recommendation, context, today, changes);
  }
  refresh_summary();
  return changes;
}

void IncrementalAudit::reevaluate(std::size_t index, const model::Recommendation& recommendation, const EvalContext& context,
                                  const std::string& today, std::vector<ResultChange>& changes) {
  std::deque<model::Check> tailored;
  const auto& check = tailored_check(settings_.tailoring, catalogue_.checks.at(recommendation.key), tailored);
  std::vector<model::CheckResult> fresh{evaluate_check(check, recommendation, context)};
  apply_waivers(settings_.waivers, facts_, today, fresh);
  std::ranges::move(diff_results(&report_.results[index], fresh.front()), std::back_inserter(changes));
  report_.results[index] = std::move(fresh.front());
}

void IncrementalAudit::refresh_summary() {
  std::vector<State> before_waivers;
  for (const auto& result : report_.results) before_waivers.push_back(result.original_state.value_or(result.state));
  report_.summary = score(report_.results, before_waivers);
  report_.finished_at = util::rfc3339(settings_.clock());
}

}  // namespace dockcis::engine
