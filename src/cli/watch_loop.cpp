// SPDX-License-Identifier: Apache-2.0
#include "cli/watch_loop.hpp"

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <iostream>

#include "model/fact_names.hpp"
#include "report/clean_text.hpp"
#include "util/time.hpp"
#include "cli/watch_output.hpp"

namespace dockcis::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string short_id(const std::string& id) { return report::clean_text(id.substr(0, 12)); }

// How long image events must pause, or an engine that could not list the
// containers of an event rest, before the resync they call for.
constexpr std::chrono::seconds kResyncDelay{2};
// ... and the longest a steady stream of them may put the resync off.
constexpr std::chrono::seconds kResyncLongest{10};
// A subscription that lived this long was healthy: the reconnect backoff
// starts again from its shortest. One that ends sooner, events or not,
// doubles it, so a stream that gives one event and closes is not followed by
// a full audit four times a second.
constexpr std::chrono::seconds kHealthySubscription{60};

// Whether another full audit may list the containers that this one could not:
// a daemon that failed or did not answer may, a list above --max-containers
// or a document dockcis refuses will not (--full-every tries again).
bool passing_trouble(model::ErrorKind kind) {
  using model::ErrorKind;
  return kind == ErrorKind::unreachable || kind == ErrorKind::daemon_error || kind == ErrorKind::timed_out ||
         kind == ErrorKind::not_found;
}

// Containers read with one list request (their ids in its URL) and their inspects side by side.
constexpr std::size_t kReadTogether = 32;

}  // namespace

std::optional<std::chrono::seconds> parse_period(const std::string& text) {
  if (text == "0") return std::chrono::seconds(0);
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  const auto digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  // At most 11 digits, so even in days the product fits; the bound keeps
  // the clock (64-bit nanoseconds) from overflowing when the period is added.
  const long long value = std::stoll(digits);
  long long seconds = 0;
  switch (text.back()) {
    case 's': seconds = value; break;
    case 'm': seconds = value * 60; break;
    case 'h': seconds = value * 3600; break;
    case 'd': seconds = value * 86400; break;
    default: return std::nullopt;
  }
  if (seconds > kLongestPeriod.count()) return std::nullopt;
  return std::chrono::seconds(seconds);
}

WatchLoop::WatchLoop(engine::IncrementalAudit& audit, WatchCollector& collector, WatchSettings settings)
    : audit_(audit), collector_(collector), settings_(std::move(settings)) {
  replan();
}

void WatchLoop::replan() {
  planned_ = audit_.planned();
  collector_.use_fields(audit_.fields_read());
}

void WatchLoop::debug(const std::string& message) const {
  if (settings_.debug) std::cerr << "debug: " << message << "\n" << std::flush;
}

WatchLoop::Signal WatchLoop::take_signals() {
  Signal seen = Signal::none;
  signalfd_siginfo info{};
  while (settings_.signal_fd >= 0 && read(settings_.signal_fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    if (info.ssi_signo == SIGHUP && seen == Signal::none) seen = Signal::reload;
    if (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT) seen = Signal::stop;
  }
  return seen;
}

// Sleeps for the reconnect delay unless a signal comes first; true = stop.
bool WatchLoop::wait_or_stop(std::chrono::milliseconds delay) {
  pollfd fd{settings_.signal_fd, POLLIN, 0};
  const auto until = Clock::now() + delay;
  for (auto left = delay; left.count() > 0; left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now())) {
    if (poll(&fd, settings_.signal_fd >= 0 ? 1 : 0, static_cast<int>(left.count())) <= 0) continue;
    const auto signal = take_signals();
    if (signal == Signal::stop) return true;
    if (signal == Signal::reload && settings_.reload && settings_.reload(audit_)) {
      replan();
      report_due_ = true;
    }
  }
  return false;
}

void WatchLoop::emit(const std::vector<engine::ResultChange>& changes) {
  if (changes.empty()) return;
  const auto now = util::rfc3339(std::chrono::system_clock::now());
  for (const auto& change : changes) {
    std::cout << change_document(change, now).dump(-1, ' ', false, model::json::error_handler_t::replace) << "\n";
    std::cerr << change_line(change) << "\n";
  }
  std::cout << std::flush;
  std::cerr << std::flush;
  if (!settings_.metrics_file.empty() && audit_.has_report()) {
    if (auto written = write_watch_metrics(settings_.metrics_file, audit_.report()); !written) {
      std::cerr << "dockcis watch: " << written.error() << "\n";
    }
  }
}

bool WatchLoop::signal_pending() const {
  pollfd signal{settings_.signal_fd, POLLIN, 0};
  return signal.fd >= 0 && poll(&signal, 1, 0) > 0;
}

void WatchLoop::resync_soon() {
  // An incomplete full audit's retry is the resync, at its backoff's pace.
  if (incomplete_audits_ > 0 && resync_at_) return;
  const auto now = Clock::now();
  if (!resync_asked_) resync_asked_ = now;
  resync_at_ = std::min(now + kResyncDelay, *resync_asked_ + kResyncLongest);
}

void WatchLoop::retry_full_audit(const std::string& why) {
  const auto delay = collect::reconnect_delay(++incomplete_audits_);
  std::cerr << "dockcis watch: " << report::clean_text(why) << "; trying again in " << delay.count() << " ms\n";
  resync_at_ = Clock::now() + delay;
  resync_asked_ = resync_at_;
}

// Everything collected and evaluated again: at each (re)subscription, after a
// daemon reload, a SIGHUP and every --full-every. One that fails, or cannot
// list the containers (whose checks then stay in error and whose events are
// not judged), is followed by another with a backoff. A report asked for and
// not written stays due for the next one.
bool WatchLoop::full_audit(bool write_report) {
  const auto started = Clock::now();
  resync_at_.reset();
  resync_asked_.reset();
  auto facts = collector_.collect_all(planned_);
  // A signal cut the collection short: what it read is not judged.
  if (signal_pending()) return false;
  const auto failed = [&](const std::string& message) {
    report_due_ = report_due_ || write_report;
    retry_full_audit("full audit failed: " + message);
    return false;
  };
  if (!facts) return failed(facts.error().message);
  auto changes = audit_.full(std::move(*facts));
  if (!changes) return failed(changes.error().message);
  const auto* unlisted = model::error_of(audit_.facts().find(model::facts::engine_containers));
  if (unlisted != nullptr && passing_trouble(unlisted->kind)) {
    retry_full_audit("the full audit could not list the containers: " + unlisted->reason);
  } else {
    incomplete_audits_ = 0;
  }
  // Written now all the same, and again by the retry that lists them.
  if (write_report) report_due_ = incomplete_audits_ > 0;
  emit(*changes);
  if (changes->empty() && !settings_.metrics_file.empty()) (void)write_watch_metrics(settings_.metrics_file, audit_.report());
  if (settings_.full_every.count() > 0) next_full_ = Clock::now() + settings_.full_every;
  debug("full audit: " + std::to_string(changes->size()) + " changes in " +
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()) + " ms");
  if (write_report && !settings_.reports.output_dir.empty()) {
    report::RenderOptions options;
    options.duration_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (auto written = write_outputs(audit_.report(), settings_.reports, options, false); !written) {
      std::cerr << "dockcis watch: " << written.error().message << "\n";
    }
  }
  return true;
}

// The host-wide kinds derived from the container list follow a change to it.
std::vector<engine::ResultChange> WatchLoop::container_changed(std::vector<engine::ResultChange> changes) {
  if (!audit_.has_report()) return changes;
  auto derived = collector_.derive_from_containers(planned_, audit_.facts());
  if (derived.all().empty()) return changes;
  std::ranges::move(audit_.kinds_read(std::move(derived)), std::back_inserter(changes));
  return changes;
}

// Containers an event batch touched, in the order first touched; each read
// once whatever the number of its events. One whose last event destroyed it
// is read too, and gone only when the engine no longer lists it: an event
// alone does not take a container's results away.
void WatchLoop::on_containers(const std::vector<std::string>& ids, const std::set<std::string>& destroyed) {
  std::vector<std::string> to_read;
  for (const auto& id : ids) {
    // An id not asked for (not plain hex, or dockcis' own container) was not seen: neither read nor gone.
    if (collector_.readable_id(id)) to_read.push_back(id);
    else debug("container " + short_id(id) + ": not an id dockcis asks the engine about; ignored");
  }
  for (std::size_t from = 0; from < to_read.size(); from += kReadTogether) {
    const std::vector<std::string> some(to_read.begin() + static_cast<std::ptrdiff_t>(from),
                                        to_read.begin() + static_cast<std::ptrdiff_t>(std::min(to_read.size(), from + kReadTogether)));
    const auto started = Clock::now();
    auto read = collector_.read_containers(some, planned_, audit_.facts());
    const auto was_read = Clock::now();
    // A signal cut the reads short: nothing of them is judged (the full audit after a reload reads them again).
    if (signal_pending()) return;
    // Could not list them is not gone: their results stay until a resync reads them.
    if (!read) {
      // The error names the list request, whose URL holds every id of the batch: its ends say enough.
      constexpr std::size_t kEnd = 150;
      const auto& full = read.error();
      const auto error = full.size() > 2 * kEnd ? full.substr(0, kEnd) + "..." + full.substr(full.size() - kEnd) : full;
      std::cerr << "dockcis watch: " << some.size() << " container(s) not read: " << report::clean_text(error) << "; resyncing\n";
      resync_soon();
      continue;
    }
    std::vector<engine::ContainerChange> batch;
    for (std::size_t i = 0; i < some.size(); ++i) {
      auto& one = (*read)[i];
      if (!one) {
        debug("container " + short_id(some[i]) + (destroyed.contains(some[i]) ? " destroyed" : " was removed before it could be read: gone"));
        batch.push_back({some[i], std::nullopt, {}});
        continue;
      }
      if (destroyed.contains(some[i])) debug("container " + short_id(some[i]) + ": destroyed, says an event, but the engine lists it");
      batch.push_back({some[i], std::move(one->entry), std::move(one->facts)});
    }
    auto changes = audit_.containers_changed(std::move(batch));
    const auto evaluated = Clock::now();
    emit(changes);
    const auto ms = [](auto a, auto b) { return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(b - a).count() / 1000.0); };
    debug(std::to_string(some.size()) + " container(s) read in " + ms(started, was_read) + " ms, evaluated in " + ms(was_read, evaluated) +
          " ms, told in " + ms(evaluated, Clock::now()) + " ms");
  }
  if (!ids.empty()) emit(container_changed({}));
}

void WatchLoop::on_events(std::vector<collect::EngineEvent>&& events) {
  std::vector<std::string> containers;
  std::set<std::string> seen, destroyed;
  bool networks = false;
  bool reload = false;
  for (const auto& event : events) {
    debug("event " + report::clean_text(event.type + " " + event.action + " " + event.id.substr(0, 12)));
    if (event.type == "container") {
      if (seen.insert(event.id).second) containers.push_back(event.id);
      if (event.action == "destroy") destroyed.insert(event.id);
      else destroyed.erase(event.id);
    }
    networks = networks || event.type == "network";
    reload = reload || (event.type == "daemon" && event.action == "reload");
    // A pull or a tag moves what a tag names (5.28) and adds images to judge:
    // one resync after the last of a burst, not one per event.
    if (event.type == "image") resync_soon();
  }
  // A daemon reload calls for a full audit, which judges the rest of the batch too.
  if (reload) {
    (void)full_audit(true);
    return;
  }
  on_containers(containers, destroyed);
  if (!networks || signal_pending()) return;
  auto read = collector_.read_networks(planned_);
  if (!signal_pending()) emit(audit_.kinds_read(std::move(read)));
}

collect::EventStream::Outcome WatchLoop::follow() {
  collect::EventStream::Options options;
  options.socket_path = collector_.socket_path();
  options.api_version = collector_.api_version();
  options.silence_timeout = settings_.silence_timeout;
  options.partial_line_timeout = std::min<std::chrono::milliseconds>(options.partial_line_timeout, settings_.silence_timeout);
  options.interrupt_fd = settings_.signal_fd;
  collect::EventStream::Handlers handlers;
  // Subscribed first, listed second: nothing created in between is missed.
  handlers.on_subscribed = [this] {
    debug("subscribed to the events of " + collector_.socket_path() + "; resyncing");
    (void)full_audit(report_due_);
    subscribed_at_ = Clock::now();
  };
  handlers.on_events = [this](std::vector<collect::EngineEvent>&& events) { on_events(std::move(events)); };
  handlers.on_tick = [this] {
    // While a full audit is retried, the retry stands for the periodic one.
    const bool periodic_due = settings_.full_every.count() > 0 && audit_.has_report() && Clock::now() >= next_full_;
    if (periodic_due && incomplete_audits_ == 0) (void)full_audit(true);
    if (resync_at_ && Clock::now() >= *resync_at_) {
      debug("resyncing (images changed, containers could not be read, or the last full audit was incomplete)");
      (void)full_audit(report_due_ || periodic_due);
    }
  };
  return collect::EventStream(options).run(handlers);
}

int WatchLoop::run() {
  int failures = 0;
  for (;;) {
    if (auto opened = collector_.open(); !opened) {
      ++failures;
      const auto delay = collect::reconnect_delay(failures);
      std::cerr << "dockcis watch: " << opened.error().message << "; retrying in " << delay.count() << " ms\n";
      if (wait_or_stop(delay)) return 0;
      continue;
    }
    subscribed_at_.reset();
    const auto outcome = follow();
    if (outcome.end == collect::EventStream::End::interrupted) {
      const auto signal = take_signals();
      if (signal == Signal::stop) return 0;
      if (signal == Signal::reload && settings_.reload && settings_.reload(audit_)) {
        replan();
        report_due_ = true;
        std::cerr << "dockcis watch: checks, tailoring and waivers reloaded\n";
      }
      continue;
    }
    // A stream that went silent for --resync-after, if shorter than the minute, was healthy too.
    const auto healthy = outcome.end == collect::EventStream::End::stalled
                             ? std::min<Clock::duration>(kHealthySubscription, settings_.silence_timeout)
                             : Clock::duration(kHealthySubscription);
    failures = subscribed_at_ && Clock::now() - *subscribed_at_ >= healthy ? 1 : failures + 1;
    const auto delay = collect::reconnect_delay(failures);
    std::cerr << "dockcis watch: event stream " << collect::end_name(outcome.end) << ": " << report::clean_text(outcome.message)
              << "; reconnecting in " << delay.count() << " ms, then resyncing\n";
    if (wait_or_stop(delay)) return 0;
  }
}

}  // namespace dockcis::cli
