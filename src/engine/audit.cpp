// SPDX-License-Identifier: Apache-2.0
#include "engine/audit.hpp"

#include <deque>

#include "config.h"
#include "engine/container_evaluation.hpp"
#include "engine/data_file.hpp"
#include "engine/evaluate.hpp"
#include "engine/report_header.hpp"
#include "engine/score.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "util/json_access.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace dockcis::engine {
namespace {

using model::json;

std::expected<const model::Profile*, AuditError> choose_profile(const Catalogue& catalogue, const model::FactStore& facts,
                                                                const AuditSettings& settings) {
  const std::string id = !settings.profile.empty() ? settings.profile : settings.tailoring.extends;
  if (id.empty()) {
    std::string docker_version;
    if (const auto* version = facts.value(model::facts::engine_version)) docker_version = util::get_or(*version, "Version", "");
    return default_profile(catalogue, docker_version);
  }
  if (const auto* profile = catalogue.find_profile(id)) return profile;
  std::vector<std::string> ids;
  for (const auto& p : catalogue.profiles) ids.push_back(p.id);
  return std::unexpected(AuditError{"unknown profile '" + id + "' (available: " + util::join(ids, ", ") + ")"});
}

// A list parameter takes comma-separated values; others are JSON, else a string.
json parse_param_value(const std::string& text, const json& current) {
  if (current.is_array()) {
    json list = json::array();
    if (!text.empty()) {
      for (const auto& item : util::split(text, ',')) list.push_back(util::trim(item));
    }
    return list;
  }
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    return text;
  }
}

std::expected<json, AuditError> parameters_for(const model::Profile& profile, const AuditSettings& settings) {
  json overrides = settings.tailoring.parameters;
  for (const auto& assignment : settings.params) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos) return std::unexpected(AuditError{"--param expects NAME=VALUE, got '" + assignment + "'"});
    const auto name = assignment.substr(0, equals);
    const auto spec = profile.parameters.find(name);
    const json current = spec == profile.parameters.end() ? json() : spec->at("default");
    overrides[name] = parse_param_value(assignment.substr(equals + 1), current);
  }
  auto parameters = effective_parameters(profile, overrides);
  if (!parameters) return std::unexpected(AuditError{parameters.error()});
  return std::move(*parameters);
}

// Checks that go container by container: automated per-container ones.
bool by_container(const model::Check& check) {
  const auto* collection = model::find_collection(check.for_each);
  return check.mode != "manual" && collection != nullptr && collection->list_fact == model::facts::engine_containers;
}

// Every recommendation of the profile, in its order. The per-container
// checks go container by container (each check's instances still in list
// order), so that with `releasing` each container's facts go once every
// check has read them.
std::vector<model::CheckResult> evaluate_profile(const Catalogue& catalogue, const model::Profile& profile,
                                                 const Selection& selection, const EvalContext& context,
                                                 const AuditSettings& settings, model::FactStore* releasing) {
  std::deque<model::Check> tailored;  // the checks the tailoring changes, alive until every container is evaluated
  std::vector<const model::Check*> checks;
  checks.reserve(profile.recommendations.size());
  std::vector<model::CheckResult> results;
  ContainerChecks per_container{checks, {}};
  const json* containers = nullptr;
  for (const auto& recommendation : profile.recommendations) {
    const auto& check = *checks.emplace_back(&tailored_check(settings.tailoring, catalogue.checks.at(recommendation.key), tailored));
    if (!is_selected(recommendation, selection)) {
      results.push_back(not_selected(check, recommendation));
    } else if (by_container(check)) {
      auto result = base_result(check, recommendation);
      if (const auto* entries = start_instances(check, context, result)) {
        containers = entries;
        per_container.indexes.push_back(results.size());
      } else {
        finish_instances(check, context, result);
      }
      results.push_back(std::move(result));
    } else {
      results.push_back(evaluate_check(check, recommendation, context));
    }
  }
  if (containers != nullptr) {
    evaluate_listed_containers(*containers, per_container, context, results, settings.evaluation_threads, releasing);
  }
  for (const auto index : per_container.indexes) finish_instances(*checks[index], context, results[index]);
  return results;
}

std::expected<model::Report, AuditError> audit_facts(const Catalogue& catalogue, const model::FactStore& facts,
                                                     const AuditSettings& settings, model::FactStore* releasing) {
  const auto started = settings.clock();
  const auto profile = choose_profile(catalogue, facts, settings);
  if (!profile) return std::unexpected(profile.error());
  const auto selection = selection_of(settings);
  if (const auto unknown = unknown_selectors(**profile, selection); !unknown.empty()) {
    return std::unexpected(AuditError{"--only/--skip: no recommendation, section or key '" + util::join(unknown, "', '") +
                                      "' in " + (*profile)->id});
  }
  const auto parameters = parameters_for(**profile, settings);
  if (!parameters) return std::unexpected(parameters.error());

  model::Report report;
  // Before evaluation, which may let the containers' facts go.
  report.errors = collection_errors(facts);
  // The day the host was observed: a snapshot audited later is judged as of
  // its collection. A collected_at that is not an RFC 3339 time is not taken:
  // the reports print it as their times and dates.
  auto observed = util::get_or(facts.meta, "collected_at", std::string());
  if (!util::is_rfc3339(observed)) observed = util::rfc3339(started);
  const auto data = data_for_run(catalogue, observed.substr(0, 10));
  const EvalContext context{facts, *parameters, settings.running_only, &data};
  report.results = evaluate_profile(catalogue, **profile, selection, context, settings, releasing);
  report.waivers = apply_waivers(settings.waivers, facts, util::rfc3339(started).substr(0, 10), report.results);
  std::vector<model::State> before_waivers;
  for (const auto& result : report.results) before_waivers.push_back(result.original_state.value_or(result.state));
  report.summary = score(report.results, before_waivers);
  report.tool = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  report.run_id = settings.run_id;
  report.started_at = observed;
  report.finished_at = util::rfc3339(settings.clock());
  report.host = host_identity(facts);
  report.profile_id = (*profile)->id;
  report.profile_title = (*profile)->title;
  report.level = std::to_string(selection.level);
  report.parameters = *parameters;
  report.checks_digest = catalogue.digest;
  for (const auto& section : (*profile)->sections) {
    if (section.id.find('.') == std::string::npos) report.sections.emplace_back(section.id, section.title);
  }
  return report;
}

}  // namespace

Selection selection_of(const AuditSettings& settings) {
  Selection selection;
  selection.level = settings.level.value_or(2);
  selection.only = settings.only;
  selection.skip = settings.skip;
  apply_tailoring_selection(settings.tailoring, settings.level.has_value(), selection);
  return selection;
}

std::expected<model::Report, AuditError> audit(const Catalogue& catalogue, const model::FactStore& facts,
                                               const AuditSettings& settings) {
  return audit_facts(catalogue, facts, settings, nullptr);
}

std::expected<model::Report, AuditError> audit_releasing(const Catalogue& catalogue, model::FactStore& facts,
                                                         const AuditSettings& settings) {
  return audit_facts(catalogue, facts, settings, &facts);
}

}  // namespace dockcis::engine
