// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/transfer_pool.hpp"

#include <poll.h>

#include <algorithm>
#include <deque>

#include "collect/docker/curl_library.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using Clock = std::chrono::steady_clock;

// Stops the transfer (curl reports a write error) once the answer passes the cap.
size_t append_body(char* data, size_t size, size_t count, void* out) {
  auto& transfer = *static_cast<Transfer*>(out);
  if (transfer.body.size() + size * count > transfer.max_body) {
    transfer.too_large = true;
    return 0;
  }
  transfer.body.append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    value = first == std::string_view::npos ? std::string_view() : value.substr(first);
    const auto last = value.find_last_not_of(" \t\r\n");
    value = last == std::string_view::npos ? std::string_view() : value.substr(0, last + 1);
    (*static_cast<Transfer*>(out)).headers[util::to_lower(std::string(line.substr(0, colon)))] = std::string(value);
  }
  return size * count;
}

// A transfer libcurl could not start.
Transfer failed(CURLcode code) {
  Transfer transfer;
  transfer.curl_code = code;
  return transfer;
}

// A transfer that never ran: the deadline had passed, or the caller interrupted.
Transfer not_run(CURLcode code, bool past_deadline) {
  Transfer transfer;
  transfer.curl_code = code;
  transfer.past_deadline = past_deadline;
  transfer.interrupted = !past_deadline;
  return transfer;
}

// One transfer in flight: its easy handle, where its answer goes, when it began.
struct Running {
  std::size_t index = 0;
  CurlEasy handle;
  std::unique_ptr<Transfer> transfer;
  Clock::time_point started;
  bool stalled = false;
};

// A GET of `url` on the pool's socket, its answer going to `item`. Every
// option is set for every transfer: a handle serves one request after another.
void configure(CURL* curl, const TransferPool::Limits& limits, const std::string& url, Running& item) {
  const auto& libcurl = loaded_curl();
  libcurl.easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, limits.socket_path.c_str());
  libcurl.easy_setopt(curl, CURLOPT_URL, url.c_str());
  libcurl.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  libcurl.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  libcurl.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, limits.connect_timeout_ms);
  libcurl.easy_setopt(curl, CURLOPT_TIMEOUT_MS, item.transfer->timeout_ms);
  libcurl.easy_setopt(curl, CURLOPT_USERAGENT, "dockcis");
  libcurl.easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  libcurl.easy_setopt(curl, CURLOPT_WRITEDATA, item.transfer.get());
  libcurl.easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  libcurl.easy_setopt(curl, CURLOPT_HEADERDATA, item.transfer.get());
  libcurl.easy_setopt(curl, CURLOPT_PRIVATE, &item);
}

}  // namespace

// The time a transfer started now may take: the timeout, cut at the run's deadline (0 once it has passed).
// Rounded up, so a transfer cut by the deadline ends at it, not just before:
// what is collected after it then finds the deadline passed.
static long time_left(const TransferPool::Limits& limits) {
  if (!limits.deadline) return limits.timeout_ms;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*limits.deadline - std::chrono::steady_clock::now()).count();
  return std::max<long>(0, std::min<long>(limits.timeout_ms, left));
}

static bool interrupted(const TransferPool::Limits& limits) {
  pollfd fd{limits.interrupt_fd, POLLIN, 0};
  return limits.interrupt_fd >= 0 && poll(&fd, 1, 0) > 0;
}

std::chrono::milliseconds stall_threshold(long timeout_ms) {
  return std::chrono::milliseconds(std::clamp(timeout_ms / 40, 50L, 1000L));
}

struct TransferPool::Multi {
  CurlMulti handle = new_curl_multi();
  // Easy handles of ended transfers, set up again for the next: making and
  // freeing one per request was a sixth of libcurl's instructions at a
  // thousand containers. Never more than were in flight at once.
  std::vector<CurlEasy> idle;
  std::size_t made = 0;

  CurlEasy take() {
    if (idle.empty()) {
      auto fresh = new_curl_easy();
      if (fresh) ++made;
      return fresh;
    }
    auto handle = std::move(idle.back());
    idle.pop_back();
    return handle;
  }
};

TransferPool::TransferPool(Limits limits) : limits_(std::move(limits)), multi_(std::make_unique<Multi>()) {
  if (multi_->handle) {
    // Idle connections kept for the next batch: one per slot.
    loaded_curl().multi_setopt(multi_->handle.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(1, limits_.slots)));
  }
}

TransferPool::~TransferPool() = default;

std::size_t TransferPool::handles_made() const { return multi_->made; }

void TransferPool::get_all(const std::vector<std::string>& urls, const Done& done) {
  CURLM* multi = multi_->handle.get();
  if (multi == nullptr) {
    // libcurl is missing or made no handle: every transfer fails to start.
    for (std::size_t i = 0; i < urls.size(); ++i) done(i, failed(CURLE_FAILED_INIT));
    return;
  }
  const auto& libcurl = loaded_curl();
  std::deque<std::size_t> waiting;
  for (std::size_t i = 0; i < urls.size(); ++i) waiting.push_back(i);
  std::vector<std::unique_ptr<Running>> running;
  const auto start = [&](std::size_t index) {
    auto item = std::make_unique<Running>();
    item->index = index;
    item->handle = multi_->take();
    item->transfer = std::make_unique<Transfer>();
    item->transfer->max_body = limits_.max_body_bytes;
    CURL* curl = item->handle.get();
    if (curl == nullptr) return done(index, failed(CURLE_FAILED_INIT));
    const long timeout_ms = time_left(limits_);
    if (timeout_ms <= 0) return done(index, not_run(CURLE_OPERATION_TIMEDOUT, true));
    item->transfer->timeout_ms = timeout_ms;
    configure(curl, limits_, urls[index], *item);
    if (libcurl.multi_add_handle(multi, curl) != CURLM_OK) return done(index, failed(CURLE_FAILED_INIT));
    item->started = Clock::now();
    running.push_back(std::move(item));
  };
  const auto holding_slots = [&] { return std::ranges::count_if(running, [](const auto& item) { return !item->stalled; }); };
  const auto top_up = [&] {
    const auto now = Clock::now();
    for (auto& item : running) item->stalled = item->stalled || now - item->started >= limits_.stall_after;
    while (!waiting.empty() && holding_slots() < std::max(1, limits_.slots) &&
           std::ssize(running) < std::max(limits_.slots, limits_.max_in_flight)) {
      const auto index = waiting.front();
      waiting.pop_front();
      start(index);
    }
  };
  const auto finish = [&](CURLMsg* message) {
    Running* item = nullptr;
    libcurl.easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&item));
    const auto found = std::ranges::find_if(running, [&](const auto& r) { return r.get() == item; });
    if (found == running.end()) return;
    auto& transfer = *item->transfer;
    transfer.curl_code = message->data.result;
    libcurl.easy_getinfo(item->handle.get(), CURLINFO_RESPONSE_CODE, &transfer.status);
    libcurl.easy_getinfo(item->handle.get(), CURLINFO_OS_ERRNO, &transfer.os_errno);
    libcurl.multi_remove_handle(multi, item->handle.get());
    auto owned = std::move(*found);
    running.erase(found);
    multi_->idle.push_back(std::move(owned->handle));
    done(owned->index, std::move(transfer));
  };
  // Everything in flight and everything waiting ends as interrupted.
  const auto stop_all = [&] {
    for (auto& item : running) {
      libcurl.multi_remove_handle(multi, item->handle.get());
      done(item->index, not_run(CURLE_ABORTED_BY_CALLBACK, false));
    }
    running.clear();
    for (const auto index : waiting) done(index, not_run(CURLE_ABORTED_BY_CALLBACK, false));
    waiting.clear();
  };
  if (interrupted(limits_)) return stop_all();
  top_up();
  while (!running.empty() || !waiting.empty()) {
    int active = 0;
    libcurl.multi_perform(multi, &active);
    int queued = 0;
    while (CURLMsg* message = libcurl.multi_info_read(multi, &queued)) {
      if (message->msg == CURLMSG_DONE) finish(message);
    }
    top_up();
    if (running.empty()) continue;
    curl_waitfd wait{limits_.interrupt_fd, CURL_WAIT_POLLIN, 0};
    const bool with_fd = limits_.interrupt_fd >= 0;
    libcurl.multi_poll(multi, with_fd ? &wait : nullptr, with_fd ? 1 : 0, 100, nullptr);
    if (with_fd && (wait.revents & POLLIN) != 0) return stop_all();
  }
}

}  // namespace dockcis::collect
