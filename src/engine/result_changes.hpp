// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/report.hpp"

namespace dockcis::engine {

/// One result that changed between two evaluations, as `dockcis watch` emits it.
struct ResultChange {
  std::string check_key;
  std::string cis_id;
  std::string title;
  model::Severity severity = model::Severity::medium;
  std::string instance_id;    ///< "" for a host-wide check
  std::string instance_name;
  std::optional<model::State> old_state;  ///< none: the result is new
  std::optional<model::State> new_state;  ///< none: the instance is gone
  std::string reason;
  std::vector<model::Evidence> evidence;
};

/// What changed from `before` to `after` of the same check. An `after` in
/// error with no instances (they could not be listed) is one change of the
/// check's, never its instances gone.
std::vector<ResultChange> diff_results(const model::CheckResult* before, const model::CheckResult& after);

/// What changed from `before` to `after`'s instances, matched by id: a new
/// instance is told when it fails or errs, one gone when it did.
std::vector<ResultChange> diff_instances(const std::vector<model::InstanceResult>& before, const model::CheckResult& after);

/// What changed from a check whose instances could not be listed (`before`,
/// an error of the check's) to `after`, which lists them again: the check's
/// own change, and each instance against `last_seen`, the instances of the
/// last evaluation that listed them, so one fixed or removed meanwhile is told.
std::vector<ResultChange> diff_after_unseen(const model::CheckResult& before, const std::vector<model::InstanceResult>& last_seen,
                                            const model::CheckResult& after);

}  // namespace dockcis::engine
