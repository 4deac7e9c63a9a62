// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dockcis::collect {

/// One HTTP GET as libcurl left it: its result code, status, body and headers.
struct Transfer {
  int curl_code = 0;  ///< CURLcode
  long status = 0;
  long os_errno = 0;
  bool too_large = false;
  bool past_deadline = false;  ///< not started: the run's deadline had passed
  bool interrupted = false;    ///< stopped or not started: the interrupt descriptor became readable
  long timeout_ms = 0;         ///< the time this transfer was given
  std::size_t max_body = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< lower-case names
};

/// GETs many URLs on one Unix socket with the libcurl multi interface: a few
/// transfers in flight over keep-alive connections that stay open between
/// batches. A transfer still unanswered after `stall_after` stops holding its
/// slot, so a daemon that stalls some requests delays the rest by about one
/// timeout, not one per stalled request; `max_in_flight` bounds the
/// connections such a daemon can make dockcis open.
class TransferPool {
 public:
  struct Limits {
    std::string socket_path;
    int slots = 4;
    int max_in_flight = 64;
    long connect_timeout_ms = 3000;
    long timeout_ms = 15000;
    std::chrono::milliseconds stall_after{1000};
    std::size_t max_body_bytes = 0;
    /// The run's deadline: no transfer outlives it, none starts after it.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    /// A descriptor (watch's signalfd) whose becoming readable stops every
    /// transfer at once and starts no more; -1 for none.
    int interrupt_fd = -1;
  };
  /// Called on the calling thread as each transfer ends, in completion order.
  using Done = std::function<void(std::size_t index, Transfer&& transfer)>;

  explicit TransferPool(Limits limits);
  ~TransferPool();
  TransferPool(const TransferPool&) = delete;
  TransferPool& operator=(const TransferPool&) = delete;

  void get_all(const std::vector<std::string>& urls, const Done& done);
  /// The deadline of the transfers started from now on (watch sets one per full audit).
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) { limits_.deadline = deadline; }
  /// How many libcurl easy handles the pool has made: the most it had in
  /// flight at once, since an ended transfer's handle serves the next.
  [[nodiscard]] std::size_t handles_made() const;

 private:
  struct Multi;
  Limits limits_;
  std::unique_ptr<Multi> multi_;
};

/// When a transfer stops holding its slot: a fortieth of the timeout, within
/// 0.05 to 1 s. N stalled requests on S slots then cost about
/// (1 + N / (40 S)) timeouts.
std::chrono::milliseconds stall_threshold(long timeout_ms);

}  // namespace dockcis::collect
