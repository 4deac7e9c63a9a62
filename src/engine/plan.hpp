// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <set>
#include <string>
#include <vector>

#include "engine/loader.hpp"
#include "engine/select.hpp"
#include "model/check.hpp"

namespace dockcis::engine {

/// The facts one check reads itself: its tests' and evidence's facts and the
/// list its for_each walks. Per-instance facts in their generic form ("container.inspect").
std::set<std::string> facts_read(const model::Check& check);

/// The checks `selection` selects in any profile (each once per profile that
/// lists it): the profile may be chosen from the Docker version, which only
/// collection tells.
std::vector<const model::Check*> selected_checks(const Catalogue& catalogue, const Selection& selection);

/// The fact keys to collect for the given checks: what they read, the facts
/// every report carries, and everything those depend on (fact_kinds.hpp).
std::set<std::string> plan_facts(const std::vector<const model::Check*>& checks);

/// The facts for the checks `selection` selects in any profile: the profile
/// may be chosen from the Docker version, which only collection tells.
std::set<std::string> plan_facts(const Catalogue& catalogue, const Selection& selection);

}  // namespace dockcis::engine
