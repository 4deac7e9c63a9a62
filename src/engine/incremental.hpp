// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/audit.hpp"
#include "engine/evaluate.hpp"
#include "engine/loader.hpp"
#include "engine/result_changes.hpp"
#include "model/fact_store.hpp"
#include "model/fields_read.hpp"
#include "model/report.hpp"

namespace dockcis::engine {

/// A container an event batch touched: read again, with its list entry
/// (from /containers/json) and its facts of every planned per-container kind
/// keyed as a full collection keys them, or gone (no entry).
struct ContainerChange {
  std::string id;
  std::optional<model::json> entry;
  model::FactStore facts;
};

/// The last audit of a watched host, kept up to date one batch of changes at
/// a time: containers read again re-evaluate only the checks that read
/// container facts, and only for those containers; the rest of the report is
/// kept. Pure.
class IncrementalAudit {
 public:
  IncrementalAudit(Catalogue catalogue, AuditSettings settings);

  /// New checks, tailoring or waivers; the caller collects and calls full() next.
  void reload(Catalogue catalogue, AuditSettings settings);
  /// The facts a full collection must read for the current checks and selection.
  [[nodiscard]] std::set<std::string> planned() const;
  /// The fields of each kind of document the current checks read (engine/fields_read.hpp).
  [[nodiscard]] model::FieldsRead fields_read() const;

  /// Evaluates everything over freshly collected facts and returns what
  /// changed since the last evaluation. The first one reports every failing
  /// or erroring result as new.
  std::expected<std::vector<ResultChange>, AuditError> full(model::FactStore facts);

  /// Containers read again or removed, as one batch: the container list is
  /// updated once (new entries where the collector would sort them), each
  /// per-container check is evaluated over the batch's containers alone and
  /// their instances put among the others in list order, as a full audit
  /// gives them, and the host-wide checks that read the list are evaluated
  /// once at the end. A batch of B containers on a host of N so costs B
  /// containers' evaluation and one pass over each check's N instances, not
  /// B passes. A removed container's results go, failing ones reported as
  /// resolved; one removed that was never listed is ignored, as is an entry
  /// naming another id than its change. Of two changes to one id, the later
  /// one counts. A container list the full audit could not read keeps the
  /// per-container results it gave until the next full audit.
  std::vector<ResultChange> containers_changed(std::vector<ContainerChange> batch);
  /// One container read again: its list entry and its facts of every planned
  /// per-container kind (inspect, processes, main process, image tag...).
  std::vector<ResultChange> container_read(const model::json& entry, const model::FactStore& read);
  /// One container removed.
  std::vector<ResultChange> container_gone(const std::string& id);
  /// Facts of some kinds read again (the networks after a network event): they
  /// replace every fact of those kinds, and the checks reading them are evaluated again.
  std::vector<ResultChange> kinds_read(model::FactStore fresh);

  [[nodiscard]] const model::Report& report() const { return report_; }
  [[nodiscard]] const model::FactStore& facts() const { return facts_; }
  [[nodiscard]] bool has_report() const { return audited_; }
  [[nodiscard]] bool knows_container(const std::string& id) const;

 private:
  /// Evaluates the containers `ids` changed, whose list entries (those still listed) are `batch_list`.
  std::vector<ResultChange> evaluate_containers(const std::vector<std::string>& ids, model::json batch_list);
  void refresh_summary();
  /// What changed from `before` to `after`, remembering across full audits
  /// that could not list a check's instances the instances last seen.
  std::vector<ResultChange> changes_of(const model::CheckResult* before, const model::CheckResult& after);
  /// Evaluates recommendation `index` of the profile again, whole, and adds what changed.
  void reevaluate(std::size_t index, const model::Recommendation& recommendation, const EvalContext& context,
                  const std::string& today, std::vector<ResultChange>& changes);

  Catalogue catalogue_;
  AuditSettings settings_;
  model::FactStore facts_;
  model::Report report_;
  bool audited_ = false;
  /// By check key: the instances of its last result that listed them, while
  /// its containers cannot be listed (an error of the check's own).
  std::map<std::string, std::vector<model::InstanceResult>> last_seen_;
};

}  // namespace dockcis::engine
