// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <vector>

#include "engine/evaluate.hpp"
#include "model/check.hpp"
#include "model/fact_store.hpp"
#include "model/report.hpp"

namespace dockcis::engine {

/// The per-container checks of an audit whose container list was read:
/// `indexes` index both `checks` and the audit's results.
struct ContainerChecks {
  const std::vector<const model::Check*>& checks;
  std::vector<std::size_t> indexes;
};

/// Adds each listed container's instance result to the result of every check
/// `indexes` names, in the list's order. Above one `threads`, a second thread decides
/// the second half of each batch of containers beside the first half (in a
/// context of its own: the contexts' caches are not shared); the report is
/// the same. With `releasing`, a batch's container facts go once both halves
/// are decided (after the last entry naming a container the list names twice),
/// and the pages they held go back to the system.
void evaluate_listed_containers(const model::json& containers, const ContainerChecks& checks, const EvalContext& context,
                                std::vector<model::CheckResult>& results, unsigned threads, model::FactStore* releasing);

}  // namespace dockcis::engine
