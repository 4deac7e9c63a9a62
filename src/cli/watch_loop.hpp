// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "cli/report_outputs.hpp"
#include "cli/watch_collector.hpp"
#include "collect/docker/event_stream.hpp"
#include "engine/incremental.hpp"

namespace dockcis::cli {

/// What the watch loop needs besides the audit state.
struct WatchSettings {
  std::string metrics_file;                     ///< "" = no metrics
  OutputPlan reports;                           ///< output_dir "" = no reports
  std::chrono::seconds full_every{86400};       ///< 0 = never
  std::chrono::milliseconds silence_timeout{std::chrono::minutes(5)};
  bool debug = false;
  int signal_fd = -1;                           ///< signalfd of SIGHUP, SIGTERM, SIGINT
  /// Reads checks, tailoring and waivers again; false (with a message) keeps the old ones.
  std::function<bool(engine::IncrementalAudit&)> reload;
};

/// `dockcis watch`: subscribe, resync, follow events, reconnect with backoff,
/// until SIGTERM or SIGINT. Returns the exit code.
class WatchLoop {
 public:
  WatchLoop(engine::IncrementalAudit& audit, WatchCollector& collector, WatchSettings settings);
  int run();

 private:
  enum class Signal { none, reload, stop };
  /// The facts and fields to read, from the audit's checks and selection (again after a reload).
  void replan();
  Signal take_signals();
  bool wait_or_stop(std::chrono::milliseconds delay);
  collect::EventStream::Outcome follow();
  bool full_audit(bool write_report);
  /// A resync once things settle (kResyncDelay), but never later than kResyncLongest after the first call since the last full audit.
  void resync_soon();
  /// Another full audit after the backoff of incomplete_audits_ (the last one failed, or could not list the containers).
  void retry_full_audit(const std::string& why);
  /// Whether a signal is waiting: the requests it cut short are not judged.
  [[nodiscard]] bool signal_pending() const;
  void on_events(std::vector<collect::EngineEvent>&& events);
  void on_containers(const std::vector<std::string>& ids, const std::set<std::string>& destroyed);
  std::vector<engine::ResultChange> container_changed(std::vector<engine::ResultChange> changes);
  void emit(const std::vector<engine::ResultChange>& changes);
  void debug(const std::string& message) const;

  engine::IncrementalAudit& audit_;
  WatchCollector& collector_;
  WatchSettings settings_;
  std::set<std::string> planned_;
  bool report_due_ = true;
  std::chrono::steady_clock::time_point next_full_;
  /// A resync is due then: images changed (once they settle), or containers
  /// could not be read after their events.
  std::optional<std::chrono::steady_clock::time_point> resync_at_;
  /// When the pending resync was first asked for.
  std::optional<std::chrono::steady_clock::time_point> resync_asked_;
  /// Full audits in a row that failed or could not list the containers:
  /// each is followed by another after reconnect_delay() of their number.
  int incomplete_audits_ = 0;
  /// When the current subscription's first full audit ended (its health is measured from there).
  std::optional<std::chrono::steady_clock::time_point> subscribed_at_;
};

/// The longest period a watch option takes: ten years.
inline constexpr std::chrono::seconds kLongestPeriod{3650LL * 86400};
/// "24h", "30m", "90s", "2d", "0" (never) as seconds; nullopt when
/// unreadable or longer than kLongestPeriod.
std::optional<std::chrono::seconds> parse_period(const std::string& text);

}  // namespace dockcis::cli
