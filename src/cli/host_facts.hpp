// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <expected>
#include <optional>
#include <set>
#include <string>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "collect/docker/docker_api.hpp"
#include "collect/docker/engine_session.hpp"
#include "collect/list_caps.hpp"
#include "model/fact_store.hpp"
#include "model/fields_read.hpp"

namespace dockcis::cli {

/// One collection of this host (or --root) and its engine. Made before the
/// catalogue loads: the daemon's slowest answers (/version and /info, for
/// which it asks containerd) are asked at once on a thread of their own, while
/// the catalogue loads and the facts are planned (every plan reads them).
/// Destroyed without collect() (a catalogue that does not load), it stops
/// them at once.
class HostCollection {
 public:
  explicit HostCollection(const CollectionOptions& options);
  ~HostCollection();
  HostCollection(const HostCollection&) = delete;
  HostCollection& operator=(const HostCollection&) = delete;

  /// Collects the planned facts once; per-instance documents trimmed to
  /// `fields` when given.
  std::expected<model::FactStore, Failure> collect(const std::set<std::string>& planned, const model::FieldsRead* fields = nullptr);

 private:
  CollectionOptions options_;
  std::expected<std::string, std::string> socket_;
  std::chrono::steady_clock::time_point deadline_;
  int stop_fd_ = -1;  ///< an eventfd: written, every Engine API request in flight ends
  std::optional<collect::DockerApi> api_;
  std::optional<collect::EngineSession> engine_;  ///< after api_: goes first
};

/// Reads a snapshot written by `dockcis facts`, its lists held to `caps` as a live collection's are.
std::expected<model::FactStore, Failure> read_snapshot(const std::string& path, const collect::ListCaps& caps);

}  // namespace dockcis::cli
