// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "cli/common_options.hpp"
#include "collect/collect_facts.hpp"
#include "collect/docker/docker_api.hpp"
#include "collect/docker/engine_session.hpp"
#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"
#include "model/fields_read.hpp"

namespace dockcis::cli {

/// One container as an event makes watch read it again.
struct ContainerFacts {
  model::json entry;       ///< its /containers/json entry
  model::FactStore facts;  ///< its inspect and every other planned per-container kind
};

/// What `dockcis watch` reads from the host: everything at a resync, one
/// container or the networks after an event. One engine connection pool for
/// the whole run; the API version negotiated again after each reconnect.
class WatchCollector {
 public:
  /// A signal arriving on `interrupt_fd` cuts every request short (SIGTERM during a full audit).
  WatchCollector(const CollectionOptions& options, std::string socket_path, int interrupt_fd = -1);

  /// The fields the checks read of each kind of document: every document
  /// read afterwards is cut to them, as `dockcis audit` cuts its own.
  void use_fields(model::FieldsRead fields) { fields_ = std::move(fields); }
  /// Negotiates the API version (after a reconnect the daemon may be another one).
  std::expected<void, collect::ApiError> open();
  [[nodiscard]] const std::string& api_version() const { return api_.api_version(); }
  [[nodiscard]] const std::string& socket_path() const { return socket_path_; }

  /// Whether read_containers() asks the engine for `id`: plain hex (an id
  /// that goes into a URL) and not the container dockcis runs in.
  [[nodiscard]] bool readable_id(const std::string& id) const;
  /// Every planned fact, as `dockcis audit` collects them, within --deadline
  /// from its start: what was not read by then is timed out.
  std::expected<model::FactStore, collect::CollectError> collect_all(const std::set<std::string>& planned);
  /// Containers and their planned per-container kinds, derived kinds
  /// reading what they need beyond them (the image list) from `known`, the
  /// last full collection; one answer per id, in order, nullopt for one
  /// that is gone (not listed, or its inspect 404: removed before it could
  /// be read), or not readable_id() (not asked: the caller leaves those out). One list request for all, beside their inspects. An error
  /// when the engine did not list them: that says nothing of whether they exist.
  std::expected<std::vector<std::optional<ContainerFacts>>, std::string> read_containers(const std::vector<std::string>& ids,
                                                                                         const std::set<std::string>& planned,
                                                                                         const model::FactStore& known);
  /// The planned host-wide kinds derived from the container list (unused
  /// images, stopped containers), computed again over `known` after a
  /// container changed.
  model::FactStore derive_from_containers(const std::set<std::string>& planned, const model::FactStore& known);
  /// The planned network kinds (list, inspects, default bridge) read again.
  model::FactStore read_networks(const std::set<std::string>& planned);

 private:
  collect::Sources make_sources();
  /// Runs the collectors of `kinds` into `store`, reading their dependencies from `known` where `store` lacks them.
  void derive(const std::set<std::string_view>& kinds, model::FactStore& store, const model::FactStore& known);

  std::string socket_path_;
  collect::HostRoot root_;
  collect::DockerApi api_;
  collect::EngineSession session_;
  std::string self_id_;
  std::chrono::seconds deadline_;
  model::FieldsRead fields_;
};

}  // namespace dockcis::cli
