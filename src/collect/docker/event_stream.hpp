// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dockcis::collect {

/// One Engine API event, as `dockcis watch` needs it.
struct EngineEvent {
  std::string type;    ///< container | network | daemon
  std::string action;  ///< create, start, destroy, reload, ...
  std::string id;      ///< Actor.ID
  std::string name;    ///< Actor.Attributes.name when given
  std::int64_t time_nano = 0;
};

/// Parses one line of GET /events; nullopt-like false when the line is not an
/// event object with string Type, Action and Actor.ID.
bool parse_event(std::string_view line, EngineEvent& out);

/// The filters query of GET /events for the kinds of change watch reads.
std::string events_path();

/// GET /events over the Unix socket, one subscription per run(): the answer is
/// read as it streams, each line bounded, the transfer interruptible by a file
/// descriptor (a self-pipe or signalfd) at once.
class EventStream {
 public:
  struct Options {
    std::string socket_path = "/var/run/docker.sock";
    std::string api_version;  ///< "" = unversioned
    long connect_timeout_ms = 3000;
    /// A line started but not finished for this long: the stream is stuck.
    std::chrono::milliseconds partial_line_timeout{10000};
    /// Nothing but blank lines for this long: resubscribe and resync, since
    /// a stream that went silent cannot be told from an idle engine any other way.
    std::chrono::milliseconds silence_timeout{std::chrono::minutes(5)};
    std::size_t max_line_bytes = 64 * 1024;
    /// Events received but not yet handled; beyond this the stream is dropped and resynced.
    std::size_t max_queued = 10000;
    int interrupt_fd = -1;  ///< readable = stop now
  };

  /// Why a subscription ended. Anything but `interrupted` calls for a reconnect and a full resync.
  enum class End { interrupted, closed, stalled, garbage, unreachable, http };
  struct Outcome {
    End end = End::closed;
    std::string message;
    std::size_t events = 0;  ///< events handled in this subscription
  };

  struct Handlers {
    /// Called once the daemon accepted the subscription (HTTP 200): the moment to (re)list.
    std::function<void()> on_subscribed;
    /// The events that arrived together, in order: a burst is handled as one batch.
    std::function<void(std::vector<EngineEvent>&&)> on_events;
    /// Called about every 100 ms and after each batch of events: timers of the caller.
    std::function<void()> on_tick;
  };

  explicit EventStream(Options options) : options_(std::move(options)) {}

  /// Subscribes and hands every event to the handlers until the stream ends.
  Outcome run(const Handlers& handlers);

 private:
  Options options_;
};

/// The reconnect delay after `failures` consecutive failed subscriptions:
/// 0.25 s doubling up to 30 s.
std::chrono::milliseconds reconnect_delay(int failures);

std::string_view end_name(EventStream::End end);

}  // namespace dockcis::collect
