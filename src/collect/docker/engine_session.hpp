// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <expected>
#include <future>
#include <optional>
#include <string>
#include <utility>

#include "collect/docker/docker_api.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// The Engine API as one run reads it: the version negotiated once, then every
/// request in that version.
class EngineSession {
 public:
  explicit EngineSession(DockerApi& api) : api_(api) {}
  EngineSession(const EngineSession&) = delete;
  EngineSession& operator=(const EngineSession&) = delete;

  /// Negotiates the API version and reads /version, and /info beside it when
  /// `read_info` (the two slowest small answers: the daemon asks containerd).
  /// Fails only when the daemon cannot be reached at all; a daemon that answers
  /// but will not tell its version is read unversioned.
  std::expected<void, ApiError> open(bool read_info = false);
  /// Starts open(true) on a thread of its own, so the daemon answers while the
  /// caller does other work; open() then waits for it. The API client must
  /// have an interrupt descriptor for a caller that ends up not waiting.
  void open_early();
  [[nodiscard]] DockerApi& api() { return api_; }
  /// The negotiated version, "" when the daemon did not tell one.
  [[nodiscard]] const std::string& api_version() const { return api_.api_version(); }
  /// The /version answer read by open().
  [[nodiscard]] const std::expected<model::json, ApiError>& version() const { return version_; }
  /// The /info answer read by open(true), handed over once; nullopt when open() did not read it.
  std::optional<std::expected<model::json, ApiError>> take_info() { return std::exchange(info_, std::nullopt); }

  /// What /info told of the engine's containers: where it keeps them and how many there are.
  struct ContainerCensus {
    std::string data_root;  ///< DockerRootDir, as the host names it
    std::uint64_t containers = 0;
  };
  /// From the /info open() read; nullopt when it read none or /info did not tell both.
  [[nodiscard]] const std::optional<ContainerCensus>& census() const { return census_; }

 private:
  std::expected<void, ApiError> open_now(bool read_info);

  DockerApi& api_;
  std::expected<model::json, ApiError> version_ = std::unexpected(ApiError{});
  std::optional<std::expected<model::json, ApiError>> info_;
  std::optional<ContainerCensus> census_;
  std::future<std::expected<void, ApiError>> early_;  ///< last: joined before the answers it writes go
};

/// Huge pages save a small audit a third of its page faults and cost a large
/// one more memory than its bound allows (bench/RESULTS.md, the twelfth
/// round: 132 MiB at 5,000 containers): past util::kLargeAuditContainers the pages
/// touched from now on are base pages (util::keep_small_pages). Told as soon
/// as the count is known: by /info, then by the container list.
void size_pages_for(std::int64_t containers);

/// An Engine API failure as an unavailable fact, with its kind.
model::Unavailable unavailable(const ApiError& error);
model::Fact as_fact(std::expected<model::json, ApiError> result);

}  // namespace dockcis::collect
