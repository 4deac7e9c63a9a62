// SPDX-License-Identifier: Apache-2.0
#include "engine/select.hpp"

#include <algorithm>

#include "engine/operators.hpp"
#include "util/strings.hpp"
#include "util/suggest.hpp"

namespace dockcis::engine {
namespace {

bool version_at_least(const std::string& version, const std::string& minimum) {
  const auto* op = find_operator("version_ge");
  return op->apply(version, minimum).state == model::State::pass;
}

bool selector_matches(const std::string& selector, const model::Recommendation& recommendation) {
  if (selector == recommendation.id || selector == recommendation.key) return true;
  // A section number selects everything below it: "5" and "1.1" but not "1.1" for "1.10".
  return recommendation.id.starts_with(selector + ".");
}

}  // namespace

const model::Profile* default_profile(const Catalogue& catalogue, const std::string& docker_version) {
  const model::Profile* chosen = nullptr;
  for (const auto& profile : catalogue.profiles) {
    if (!docker_version.empty() && version_at_least(docker_version, profile.docker_min)) chosen = &profile;
  }
  if (chosen == nullptr && !catalogue.profiles.empty()) chosen = &catalogue.profiles.front();
  return chosen;
}

bool is_selected(const model::Recommendation& recommendation, const Selection& selection) {
  if (recommendation.level > selection.level) return false;
  auto matches = [&](const std::string& selector) { return selector_matches(selector, recommendation); };
  if (!selection.only.empty() && std::ranges::none_of(selection.only, matches)) return false;
  return std::ranges::none_of(selection.skip, matches);
}

std::vector<std::string> unknown_selectors(const model::Profile& profile, const Selection& selection) {
  std::vector<std::string> unknown;
  for (const auto* list : {&selection.only, &selection.skip}) {
    for (const auto& selector : *list) {
      const bool known = std::ranges::any_of(profile.recommendations, [&](const model::Recommendation& r) {
        return selector_matches(selector, r);
      });
      if (!known) unknown.push_back(selector);
    }
  }
  return unknown;
}

std::expected<model::json, std::string> effective_parameters(const model::Profile& profile, const model::json& overrides) {
  model::json values = model::json::object();
  std::vector<std::string> names;
  for (const auto& [name, spec] : profile.parameters.items()) {
    values[name] = spec.at("default");
    names.push_back(name);
  }
  for (const auto& [name, value] : overrides.items()) {
    if (!values.contains(name)) {
      const auto close = util::closest_match(name, names);
      return std::unexpected("unknown parameter '" + name + "' for profile " + profile.id +
                             (close.empty() ? "" : " (did you mean '" + close + "'?)"));
    }
    const auto& current = values[name];
    if (!current.is_null() && current.type() != value.type() && !(current.is_number() && value.is_number())) {
      return std::unexpected("parameter '" + name + "' must be a " + current.type_name() + ", got " + value.dump());
    }
    values[name] = value;
  }
  return values;
}

}  // namespace dockcis::engine
