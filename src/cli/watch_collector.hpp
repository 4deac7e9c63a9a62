// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <optional>
#include <set>
#include <string>

#include "cli/common_options.hpp"
#include "collect/collect_facts.hpp"
#include "collect/docker/docker_api.hpp"
#include "collect/docker/engine_session.hpp"
#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::cli {

/// One container as an event makes watch read it again.
struct ContainerFacts {
  model::json entry;  ///< its /containers/json entry
  model::Fact inspect;
  std::optional<model::Fact> processes;  ///< when the checks read processes
};

/// What `dockcis watch` reads from the host: everything at a resync, one
/// container or the networks after an event. One engine connection pool for
/// the whole run; the API version negotiated again after each reconnect.
class WatchCollector {
 public:
  WatchCollector(const CollectionOptions& options, std::string socket_path);

  /// Negotiates the API version (after a reconnect the daemon may be another one).
  std::expected<void, collect::ApiError> open();
  [[nodiscard]] const std::string& api_version() const { return api_.api_version(); }
  [[nodiscard]] const std::string& socket_path() const { return socket_path_; }

  /// Every planned fact, as `dockcis audit` collects them.
  std::expected<model::FactStore, collect::CollectError> collect_all(const std::set<std::string>& planned);
  /// One container; nullopt when it is gone (removed before it could be read).
  std::optional<ContainerFacts> read_container(const std::string& id, bool with_processes);
  /// The planned network kinds (list, inspects, default bridge) read again.
  model::FactStore read_networks(const std::set<std::string>& planned);

 private:
  collect::Sources make_sources();

  std::string socket_path_;
  collect::HostRoot root_;
  collect::DockerApi api_;
  collect::EngineSession session_;
  std::string self_id_;
};

}  // namespace dockcis::cli
