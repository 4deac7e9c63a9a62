// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <set>
#include <string>
#include <vector>

#include "model/check.hpp"

namespace dockcis::engine {

/// The fact keys the given checks read, so collection gathers exactly those.
/// Per-instance facts appear in their generic form ("container.inspect"); a
/// for_each adds its collection ("engine.containers").
std::set<std::string> plan_facts(const std::vector<const model::Check*>& checks);

}  // namespace dockcis::engine
