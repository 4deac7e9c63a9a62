// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/event_stream.hpp"

#include <poll.h>

#include <deque>
#include <iterator>
#include <memory>

#include "collect/docker/curl_library.hpp"
#include "util/json_access.hpp"
#include "util/json_parse.hpp"

namespace dockcis::collect {
namespace {

using Clock = std::chrono::steady_clock;

// What the callbacks share with the loop: curl calls them from inside
// curl_multi_perform, the loop handles what they queued.
struct StreamTransfer {
  const EventStream::Options* options = nullptr;
  std::string partial;
  std::deque<EngineEvent> queued;
  bool garbage = false;
  bool overflow = false;
  bool headers_done = false;
  std::string garbage_sample;
  Clock::time_point last_data = Clock::now();
  Clock::time_point partial_since = Clock::now();
};

bool take_line(StreamTransfer& transfer, std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) return true;
  EngineEvent event;
  if (!parse_event(line, event)) {
    transfer.garbage = true;
    transfer.garbage_sample = std::string(line.substr(0, 80));
    return false;
  }
  if (transfer.queued.size() >= transfer.options->max_queued) {
    transfer.overflow = true;
    return false;
  }
  transfer.queued.push_back(std::move(event));
  return true;
}

// Splits the stream into lines; returning less than given makes curl stop
// the transfer, which the loop then reports as garbage or overflow.
size_t on_data(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<StreamTransfer*>(user);
  const std::string_view chunk(data, size * count);
  // Blank lines are no sign of the engine (dockerd sends none; a proxy may,
  // to keep a connection open): they do not hold off --resync-after.
  if (chunk.find_first_not_of("\r\n") != std::string_view::npos) transfer.last_data = Clock::now();
  std::size_t start = 0;
  for (auto newline = chunk.find('\n'); newline != std::string_view::npos; newline = chunk.find('\n', start)) {
    const auto piece = chunk.substr(start, newline - start);
    if (transfer.partial.size() + piece.size() > transfer.options->max_line_bytes) {
      transfer.garbage = true;
      transfer.garbage_sample = "a line longer than " + std::to_string(transfer.options->max_line_bytes) + " bytes";
      return 0;
    }
    bool kept = false;
    if (transfer.partial.empty()) {
      kept = take_line(transfer, piece);
    } else {
      transfer.partial.append(piece);
      kept = take_line(transfer, transfer.partial);
      transfer.partial.clear();
    }
    if (!kept) return 0;
    start = newline + 1;
  }
  const auto rest = chunk.substr(start);
  if (!rest.empty() && transfer.partial.empty()) transfer.partial_since = Clock::now();
  if (transfer.partial.size() + rest.size() > transfer.options->max_line_bytes) {
    transfer.garbage = true;
    transfer.garbage_sample = "a line longer than " + std::to_string(transfer.options->max_line_bytes) + " bytes";
    return 0;
  }
  transfer.partial.append(rest);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  const std::string_view line(data, size * count);
  if (line == "\r\n" || line == "\n") static_cast<StreamTransfer*>(user)->headers_done = true;
  return size * count;
}

struct Handles {
  CurlMulti multi = new_curl_multi();
  CurlEasy easy = new_curl_easy();
  bool added = false;
  ~Handles() {
    if (added) loaded_curl().multi_remove_handle(multi.get(), easy.get());
  }
};

}  // namespace

bool parse_event(std::string_view line, EngineEvent& out) {
  util::JsonLimits limits;
  limits.max_depth = 8;
  limits.max_string = 64 * 1024;
  const auto document = util::parse_json(line, limits);
  if (!document || !document->is_object()) return false;
  const auto actor = util::get_or(*document, "Actor", nlohmann::json());
  out.type = util::get_or(*document, "Type", std::string());
  out.action = util::get_or(*document, "Action", std::string());
  out.id = util::get_or(actor, "ID", std::string());
  out.name = util::get_or(util::get_or(actor, "Attributes", nlohmann::json()), "name", std::string());
  out.time_nano = util::get_or(*document, "timeNano", std::int64_t{0});
  // "exec_start: sh" style actions carry their command after a colon.
  if (const auto colon = out.action.find(':'); colon != std::string::npos) out.action.resize(colon);
  return !out.type.empty() && !out.action.empty() && actor.is_object() && actor.contains("ID") && actor["ID"].is_string();
}

std::string events_path() {
  // {"type":["container","network","daemon","image"],"event":["create","start","update","rename","die","destroy",
  // "remove","reload","tag","untag","delete","pull","import","load"]} URL-encoded.
  return "/events?filters=%7B%22type%22%3A%5B%22container%22%2C%22network%22%2C%22daemon%22%2C%22image%22%5D%2C"
         "%22event%22%3A%5B%22create%22%2C%22start%22%2C%22update%22%2C%22rename%22%2C%22die%22%2C%22destroy%22%2C"
         "%22remove%22%2C%22reload%22%2C%22tag%22%2C%22untag%22%2C%22delete%22%2C%22pull%22%2C%22import%22%2C%22load%22"
         "%5D%7D";
}

std::chrono::milliseconds reconnect_delay(int failures) {
  if (failures <= 0) return std::chrono::milliseconds(0);
  long delay = 250;
  for (int i = 1; i < failures && delay < 30000; ++i) delay *= 2;
  return std::chrono::milliseconds(std::min(delay, 30000L));
}

std::string_view end_name(EventStream::End end) {
  switch (end) {
    case EventStream::End::interrupted: return "interrupted";
    case EventStream::End::closed: return "closed by the daemon";
    case EventStream::End::stalled: return "stalled";
    case EventStream::End::garbage: return "garbled";
    case EventStream::End::unreachable: return "unreachable";
    case EventStream::End::http: return "refused";
  }
  return "ended";
}

namespace {

EventStream::Outcome finished(CURLM* multi, const std::string& socket_path, bool subscribed) {
  CURLcode code = CURLE_OK;
  int left = 0;
  while (const CURLMsg* message = loaded_curl().multi_info_read(multi, &left)) {
    if (message->msg == CURLMSG_DONE) code = message->data.result;
  }
  if (!subscribed || (code != CURLE_OK && code != CURLE_PARTIAL_FILE && code != CURLE_RECV_ERROR)) {
    return {EventStream::End::unreachable,
            "cannot subscribe to the events of the Docker daemon at " + socket_path + ": " + curl_error_text(code), 0};
  }
  return {EventStream::End::closed, "the Docker daemon at " + socket_path + " closed the event stream", 0};
}

}  // namespace

EventStream::Outcome EventStream::run(const Handlers& handlers) {
  Handles handles;
  if (!handles.multi || !handles.easy) {
    const auto library = curl_library();
    return {End::unreachable, library ? std::string("libcurl could not start a request") : library.error(), 0};
  }
  const auto& libcurl = loaded_curl();
  StreamTransfer transfer;
  transfer.options = &options_;
  CURL* curl = handles.easy.get();
  const std::string url =
      "http://localhost" + (options_.api_version.empty() ? std::string() : "/v" + options_.api_version) + events_path();
  libcurl.easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, options_.socket_path.c_str());
  libcurl.easy_setopt(curl, CURLOPT_URL, url.c_str());
  libcurl.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  libcurl.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  libcurl.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  libcurl.easy_setopt(curl, CURLOPT_USERAGENT, "dockcis");
  libcurl.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  libcurl.easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  libcurl.easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  libcurl.easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  libcurl.multi_add_handle(handles.multi.get(), curl);
  handles.added = true;

  Outcome outcome;
  bool subscribed = false;
  const auto started = Clock::now();
  for (;;) {
    int running = 0;
    libcurl.multi_perform(handles.multi.get(), &running);
    if (!subscribed && transfer.headers_done) {
      long status = 0;
      libcurl.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      if (status != 200) return {End::http, "GET /events: HTTP " + std::to_string(status), 0};
      subscribed = true;
      if (handlers.on_subscribed) handlers.on_subscribed();
      // The handler (a full audit) may take long: the bounds start after it.
      transfer.partial_since = transfer.last_data = Clock::now();
    }
    // Silence is measured from the last data (blank lines aside) or the last event handled, so
    // a long batch of slow events is not mistaken for a quiet stream.
    if (!transfer.queued.empty()) {
      std::vector<EngineEvent> batch(std::make_move_iterator(transfer.queued.begin()), std::make_move_iterator(transfer.queued.end()));
      transfer.queued.clear();
      outcome.events += batch.size();
      if (handlers.on_events) handlers.on_events(std::move(batch));
      // A burst of events must not delay a stop.
      if (pollfd stop{options_.interrupt_fd, POLLIN, 0}; stop.fd >= 0 && poll(&stop, 1, 0) > 0) {
        return {End::interrupted, "stopped", outcome.events};
      }
      transfer.last_data = Clock::now();
      // Nor is a line cut where curl's read stopped taken for an unfinished
      // one: its rest waited in the socket while the batch was handled.
      transfer.partial_since = transfer.last_data;
    }
    if (transfer.overflow) return {End::stalled, "more events queued than " + std::to_string(options_.max_queued), outcome.events};
    if (transfer.garbage) return {End::garbage, "not an event: " + transfer.garbage_sample, outcome.events};
    if (running == 0) {
      auto ended = finished(handles.multi.get(), options_.socket_path, subscribed);
      ended.events = outcome.events;
      return ended;
    }
    const auto now = Clock::now();
    if (!subscribed && now - started > options_.partial_line_timeout + std::chrono::milliseconds(options_.connect_timeout_ms)) {
      return {End::stalled, "GET /events: no answer", 0};
    }
    if (!transfer.partial.empty() && now - transfer.partial_since > options_.partial_line_timeout) {
      return {End::stalled, "an event line was left unfinished", outcome.events};
    }
    if (subscribed && transfer.partial.empty() && now - transfer.last_data > options_.silence_timeout) {
      return {End::stalled, "no event for " + std::to_string(options_.silence_timeout.count() / 1000) + " s", outcome.events};
    }
    if (handlers.on_tick) handlers.on_tick();
    curl_waitfd wait{options_.interrupt_fd, CURL_WAIT_POLLIN, 0};
    const bool with_fd = options_.interrupt_fd >= 0;
    libcurl.multi_poll(handles.multi.get(), with_fd ? &wait : nullptr, with_fd ? 1 : 0, 100, nullptr);
    if (with_fd && (wait.revents & POLLIN) != 0) return {End::interrupted, "stopped", outcome.events};
  }
}

}  // namespace dockcis::collect
