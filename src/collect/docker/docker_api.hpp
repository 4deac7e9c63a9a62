// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <atomic>
#include <chrono>
#include <optional>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "collect/docker/transfer_pool.hpp"
#include "util/json_keep.hpp"

namespace dockcis::collect {

/// Why an Engine API request failed, with a message a user understands.
struct ApiError {
  enum class Kind { unreachable, permission, timeout, http, malformed, too_large };
  Kind kind = Kind::unreachable;
  long http_status = 0;
  std::string message;
};

/// The Engine API versions dockcis reads: from Docker 1.12's to the newest whose documents it knows.
inline constexpr std::string_view kOldestSupportedApi = "1.24";
inline constexpr std::string_view kNewestKnownApi = "1.47";

/// Whether dotted version `a` is below `b` ("1.9" < "1.24"), as util::compare_versions orders them.
bool api_version_less(std::string_view a, std::string_view b);

/// --socket wins, then DOCKER_HOST=unix://PATH, then /var/run/docker.sock.
/// Other DOCKER_HOST schemes are refused: dockcis reads a local engine only.
std::expected<std::string, std::string> resolve_socket_path(const std::string& flag_value, const char* docker_host);

/// The error for a socket that cannot be used, from the errno of stat(),
/// access() or connect(): EACCES/EPERM are `permission`, the rest `unreachable`.
ApiError socket_error(const std::string& socket_path, int error_number);

/// A read-only Docker Engine API client over a Unix socket (libcurl). It only
/// issues GET requests. One caller at a time: get_many() keeps a few requests
/// in flight itself (libcurl's multi interface, on the calling thread).
class DockerApi {
 public:
  struct Options {
    std::string socket_path = "/var/run/docker.sock";
    long connect_timeout_ms = 3000;
    long timeout_ms = 15000;
    int concurrency = 4;
    /// An answer above this is refused (a container list of thousands of containers is a few MiB).
    std::size_t max_body_bytes = 64UL * 1024 * 1024;
    /// An answer holding more values is refused: a tree of tiny values
    /// outgrows its text twentyfold while it is built, before its kept parts
    /// are cut out (a list of 10,000 containers holds under a million).
    std::size_t max_document_values = 4UL * 1024 * 1024;
    /// The values every answer of this client keeps, together: past it each
    /// further answer is refused, so an engine answering every one of
    /// thousands of requests near the limits above cannot take the memory of
    /// the host (a whole container inspect holds about 200, an image's 80: a
    /// host at the 10,000-entry list caps stays far below, kept parts or not).
    std::size_t max_kept_values = 16UL * 1024 * 1024;
    /// The whole run's deadline (--deadline): no request outlives it, none starts after it.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    /// Readable = stop: every request in flight ends and none starts (TransferPool::Limits).
    int interrupt_fd = -1;
  };

  explicit DockerApi(Options options);
  ~DockerApi();
  DockerApi(const DockerApi&) = delete;
  DockerApi& operator=(const DockerApi&) = delete;

  /// Agrees on an API version from the API-Version header of /_ping (else
  /// /version ApiVersion): the daemon's own version, capped at the newest this
  /// client knows. Requests before it are unversioned, later ones use it.
  std::expected<std::string, ApiError> negotiate();
  /// Empty until negotiate() succeeds.
  [[nodiscard]] const std::string& api_version() const { return api_version_; }
  [[nodiscard]] const std::string& socket_path() const { return options_.socket_path; }
  /// The /version answer when negotiate() had to read it, so it is not fetched twice.
  [[nodiscard]] const std::optional<std::expected<nlohmann::json, ApiError>>& version_answer() const {
    return version_answer_;
  }

  /// GET a JSON document; `path` has no version prefix ("/info").
  std::expected<nlohmann::json, ApiError> get(std::string_view path);
  /// Sees the body of a successful answer before it is parsed; an error it
  /// returns is the answer (a list too long to build, say).
  using Screen = std::function<std::optional<ApiError>(std::string_view body)>;
  std::expected<nlohmann::json, ApiError> get(std::string_view path, const Screen& screen, const util::JsonKeep* kept_parts = nullptr);
  /// get(path, screen, kept_parts), with `beside` asked in the same batch on
  /// the slots it leaves free while the daemon prepares its answer: each of
  /// those is handed to `keep` as it arrives (its index in `beside`), holding
  /// only `beside_parts`.
  using Keep = std::function<void(std::size_t index, std::expected<nlohmann::json, ApiError>&& result)>;
  std::expected<nlohmann::json, ApiError> get_beside(std::string_view path, const Screen& screen, const util::JsonKeep* kept_parts,
                                                     const std::vector<std::string>& beside, const Keep& keep,
                                                     const util::JsonKeep* beside_parts);
  /// GETs concurrently over a pool of keep-alive connections; results in input order.
  std::vector<std::expected<nlohmann::json, ApiError>> get_many(const std::vector<std::string>& paths);
  /// The same, handing each document to `keep` as it arrives (in completion
  /// order); with `kept_parts`, each holds only those, the rest never built.
  void get_each(const std::vector<std::string>& paths, const Keep& keep, const util::JsonKeep* kept_parts = nullptr);

  /// Bounds the requests made from now on (Options::deadline); nullopt lifts it.
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
    options_.deadline = deadline;
    transfers_.set_deadline(deadline);
  }

  /// Starts one audit's account: the values its answers keep (max_kept_values)
  /// and the requests counted (request_counts) count from zero again. A
  /// client kept across audits (watch) calls it before each full audit and
  /// each batch of containers, so neither refuses nor grows with the weeks it runs.
  void start_audit();

  /// How often each path was requested by this client since start_audit() (for "fetched once" tests).
  [[nodiscard]] std::map<std::string, int> request_counts() const;

  /// One HTTP answer as read.
  using Raw = Transfer;

 private:
  std::expected<Raw, ApiError> fetch(std::string_view path);
  std::expected<nlohmann::json, ApiError> get_with(std::string_view path);
  std::expected<Raw, ApiError> interpret(Raw raw, std::string_view path);
  std::expected<nlohmann::json, ApiError> document(std::expected<Raw, ApiError> raw, std::string_view path,
                                                   const util::JsonKeep* kept_parts = nullptr);
  /// The URL of `path` in the negotiated version; the request is counted (request_counts).
  std::string request_url(std::string_view path);
  std::expected<void, ApiError> check_socket() const;

  Options options_;
  std::string api_version_;
  std::optional<std::expected<nlohmann::json, ApiError>> version_answer_;
  /// Every request, single or batched, over the same keep-alive connections.
  TransferPool transfers_;
  mutable std::mutex counts_mutex_;
  std::map<std::string, int> counts_;
  std::atomic<std::size_t> kept_values_{0};
};

}  // namespace dockcis::collect
