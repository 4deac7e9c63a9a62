// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/loader.hpp"
#include "engine/tailoring.hpp"
#include "engine/waivers.hpp"
#include "model/fact_store.hpp"
#include "model/report.hpp"

namespace dockcis::engine {

/// What the user asked of one audit, already read and validated.
struct AuditSettings {
  std::string profile;              ///< --profile; "" = the tailoring's "extends", else by Docker version
  std::optional<int> level;         ///< --level; unset = the tailoring's, else 2
  std::vector<std::string> only;    ///< --only selectors, added to the tailoring's
  std::vector<std::string> skip;    ///< --skip selectors, added to the tailoring's
  std::vector<std::string> params;  ///< --param NAME=VALUE, over the tailoring's parameters
  Tailoring tailoring;
  std::vector<Waiver> waivers;
  bool running_only = false;
  /// Above 1, the per-container checks are evaluated on two threads (the
  /// caller's and one beside it); the report is the same.
  unsigned evaluation_threads = 1;
  std::string run_id;
  /// The run's clock: started_at when the facts do not say, waiver expiry, finished_at.
  std::function<std::chrono::system_clock::time_point()> clock = std::chrono::system_clock::now;
};

/// A request the catalogue cannot serve: an unknown profile, selector or parameter.
struct AuditError {
  std::string message;
};

/// The whole audit over collected facts: profile choice, tailoring, selection,
/// parameters, evaluation of every recommendation, waivers and score, as one
/// report. Pure: reads only the facts given.
std::expected<model::Report, AuditError> audit(const Catalogue& catalogue, const model::FactStore& facts,
                                               const AuditSettings& settings);

/// The same audit, letting each container's facts go from `facts` as soon
/// as every check has read them (the same report; `facts` keeps its
/// host-wide, image and network facts and the container list): an audit
/// that drops its facts after evaluation so holds fewer at once.
std::expected<model::Report, AuditError> audit_releasing(const Catalogue& catalogue, model::FactStore& facts,
                                                         const AuditSettings& settings);

/// The selection the settings and the tailoring make together.
Selection selection_of(const AuditSettings& settings);

}  // namespace dockcis::engine
