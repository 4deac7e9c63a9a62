// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/docker_api.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "collect/docker/curl_library.hpp"
#include "util/json_access.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"
#include "util/version.hpp"

namespace dockcis::collect {
namespace {

TransferPool::Limits limits_of(const DockerApi::Options& options) {
  TransferPool::Limits limits;
  limits.socket_path = options.socket_path;
  limits.slots = std::max(1, options.concurrency);
  limits.connect_timeout_ms = options.connect_timeout_ms;
  limits.timeout_ms = options.timeout_ms;
  limits.stall_after = stall_threshold(options.timeout_ms);
  limits.max_body_bytes = options.max_body_bytes;
  limits.deadline = options.deadline;
  limits.interrupt_fd = options.interrupt_fd;
  return limits;
}

// "15", "0.8", "1.25": the timeout as a person would write it.
std::string seconds_text(long milliseconds) {
  if (milliseconds % 1000 == 0) return std::to_string(milliseconds / 1000);
  const int decimals = milliseconds % 100 == 0 ? 1 : milliseconds % 10 == 0 ? 2 : 3;
  return util::fixed(static_cast<double>(milliseconds) / 1000.0, decimals);
}

// "1.43": two or three numbers of up to four digits. The version goes into
// every request's path, so anything else (a proxy's "1.43/../..", a space)
// is refused rather than sent.
bool plain_api_version(std::string_view version) {
  if (version.size() > 14) return false;
  const auto parts = util::split(version, '.');
  if (parts.size() < 2 || parts.size() > 3) return false;
  return std::ranges::all_of(parts, [](const std::string& part) {
    return !part.empty() && part.size() <= 4 && std::ranges::all_of(part, [](char c) { return c >= '0' && c <= '9'; });
  });
}

}  // namespace

bool api_version_less(std::string_view a, std::string_view b) { return util::compare_versions(a, b) < 0; }

std::expected<std::string, std::string> resolve_socket_path(const std::string& flag_value, const char* docker_host) {
  if (!flag_value.empty()) return flag_value;
  if (docker_host != nullptr && *docker_host != '\0') {
    const std::string host(docker_host);
    if (host.starts_with("unix://") && host.size() > 7) return host.substr(7);
    if (host.starts_with("unix://")) return std::unexpected("DOCKER_HOST=unix:// names no socket (use unix:///PATH or --socket)");
    return std::unexpected("DOCKER_HOST=" + host + " is not supported: dockcis reads a local engine over unix://PATH (use --socket)");
  }
  return std::string("/var/run/docker.sock");
}

ApiError socket_error(const std::string& socket_path, int error_number) {
  constexpr std::string_view kHint = " (is dockerd running? use --socket or DOCKER_HOST=unix://PATH)";
  const std::string prefix = "cannot connect to the Docker daemon at " + socket_path + ": ";
  switch (error_number) {
    case EACCES:
    case EPERM:
      return {ApiError::Kind::permission, 0,
              "permission denied on " + socket_path + " (run as root or as a member of the docker group)"};
    case ENOENT:
      return {ApiError::Kind::unreachable, 0, prefix + "no such file" + std::string(kHint)};
    case ECONNREFUSED:
      return {ApiError::Kind::unreachable, 0, prefix + "connection refused" + std::string(kHint)};
    case ENOTSOCK:
      return {ApiError::Kind::unreachable, 0, prefix + "not a socket (use --socket or DOCKER_HOST=unix://PATH)"};
    default:
      return {ApiError::Kind::unreachable, 0, prefix + util::to_lower(std::strerror(error_number)) + std::string(kHint)};
  }
}

DockerApi::DockerApi(Options options)
    : options_(std::move(options)),
      transfers_(limits_of(options_)) {}

DockerApi::~DockerApi() = default;

std::expected<void, ApiError> DockerApi::check_socket() const {
  const auto& path = options_.socket_path;
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return std::unexpected(socket_error(path, errno));
  if (!S_ISSOCK(info.st_mode)) return std::unexpected(socket_error(path, ENOTSOCK));
  if (access(path.c_str(), R_OK | W_OK) != 0) return std::unexpected(socket_error(path, errno));
  return {};
}

std::string DockerApi::request_url(std::string_view path) {
  {
    const std::lock_guard lock(counts_mutex_);
    ++counts_[std::string(path)];
  }
  return "http://localhost" + (api_version_.empty() ? std::string() : "/v" + api_version_) + std::string(path);
}

// A single request goes through the pool too, so it reuses the batches' connections.
std::expected<DockerApi::Raw, ApiError> DockerApi::fetch(std::string_view path) {
  Transfer answer;
  transfers_.get_all({request_url(path)}, [&](std::size_t, Transfer&& transfer) { answer = std::move(transfer); });
  return interpret(std::move(answer), path);
}

// The libcurl result of one transfer as an answer or as the error a user reads.
std::expected<DockerApi::Raw, ApiError> DockerApi::interpret(Raw raw, std::string_view path) {
  const auto code = static_cast<CURLcode>(raw.curl_code);
  const std::string what = "GET " + std::string(path);
  if (code == CURLE_FAILED_INIT) {
    const auto library = curl_library();
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0, what + ": " + (library ? std::string("libcurl could not start a request") : library.error())});
  }
  if (raw.interrupted) {
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0, what + ": stopped: dockcis was asked to exit"});
  }
  if (raw.past_deadline) {
    return std::unexpected(ApiError{ApiError::Kind::timeout, 0, what + ": not asked: the run's deadline (--deadline) had passed"});
  }
  const long timeout_ms = raw.timeout_ms > 0 ? raw.timeout_ms : options_.timeout_ms;
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return std::unexpected(ApiError{ApiError::Kind::timeout, 0,
                                    what + ": the Docker daemon at " + options_.socket_path +
                                        " did not answer: timed out after " + seconds_text(timeout_ms) + " s" +
                                        (timeout_ms < options_.timeout_ms ? " (the run's deadline)" : "")});
  }
  if (code == CURLE_WRITE_ERROR && raw.too_large) {
    return std::unexpected(ApiError{ApiError::Kind::too_large, 0,
                                    what + ": the answer is larger than " + std::to_string(options_.max_body_bytes / (1024 * 1024)) +
                                        " MiB, dockcis' limit for one document"});
  }
  if (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING) {
    return std::unexpected(ApiError{ApiError::Kind::malformed, 0, what + ": truncated answer from the Docker daemon (" +
                                                                      curl_error_text(code) + ")"});
  }
  if (code == CURLE_COULDNT_CONNECT) {
    // stat()/access() tell a missing socket from a forbidden one more reliably
    // than the connect() errno, which curl may not report.
    if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
    return std::unexpected(socket_error(options_.socket_path, raw.os_errno != 0 ? static_cast<int>(raw.os_errno) : ECONNREFUSED));
  }
  if (code != CURLE_OK) {
    if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0,
                                    what + ": cannot talk to the Docker daemon at " + options_.socket_path + ": " +
                                        curl_error_text(code)});
  }
  return raw;
}

std::expected<nlohmann::json, ApiError> DockerApi::get_with(std::string_view path) {
  return document(fetch(path), path);
}

std::expected<nlohmann::json, ApiError> DockerApi::document(std::expected<Raw, ApiError> raw, std::string_view path,
                                                           const util::JsonKeep* kept_parts) {
  if (!raw) return std::unexpected(raw.error());
  const std::string what = "GET " + std::string(path);
  // An error's body is read within the same limits: a proxy shapes it too.
  util::JsonLimits limits;
  limits.max_values = options_.max_document_values;
  if (raw->status >= 400) {
    // The daemon's {"message": ...}, else the start of whatever a proxy sent.
    const auto document = util::parse_json(raw->body, limits);
    std::string message = document ? util::get_or(*document, "message", raw->body) : raw->body;
    constexpr std::size_t kShown = 300;
    if (message.size() > kShown) message = message.substr(0, kShown) + "...";
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    return std::unexpected(ApiError{ApiError::Kind::http, raw->status,
                                    what + ": HTTP " + std::to_string(raw->status) + (message.empty() ? "" : ": " + message)});
  }
  auto document = util::parse_json(raw->body, limits, kept_parts);
  if (document) {
    const auto kept = kept_values_ += util::value_count(*document);
    if (kept > options_.max_kept_values) {
      return std::unexpected(ApiError{ApiError::Kind::too_large, raw->status,
                                      what + ": the Engine API's answers in this run hold more than " +
                                          std::to_string(options_.max_kept_values) + " values, dockcis' limit for one audit"});
    }
    return std::move(*document);
  }
  if (document.error().kind == util::JsonError::Kind::syntax) {
    return std::unexpected(ApiError{ApiError::Kind::malformed, raw->status, what + ": malformed JSON: " + document.error().message});
  }
  return std::unexpected(ApiError{ApiError::Kind::too_large, raw->status, what + ": the answer " + document.error().message +
                                                                             ", beyond dockcis' limits for one document"});
}

std::expected<std::string, ApiError> DockerApi::negotiate() {
  api_version_.clear();
  version_answer_.reset();
  if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
  std::string daemon_version;
  auto ping = fetch("/_ping");
  if (!ping && ping.error().kind != ApiError::Kind::malformed) return std::unexpected(ping.error());
  if (ping && ping->status < 400) {
    if (const auto header = ping->headers.find("api-version"); header != ping->headers.end()) daemon_version = header->second;
  }
  if (daemon_version.empty()) {
    // Older daemons and some proxies do not send the header: /version says it too.
    version_answer_ = get_with("/version");
    if (!*version_answer_) return std::unexpected(version_answer_->error());
    const auto& document = **version_answer_;
    if (document.is_object() && document.contains("ApiVersion") && document["ApiVersion"].is_string()) {
      daemon_version = document["ApiVersion"].get<std::string>();
    }
  }
  if (daemon_version.empty()) {
    return std::unexpected(ApiError{ApiError::Kind::malformed, 0,
                                    "the Docker daemon at " + options_.socket_path + " did not tell its API version"});
  }
  if (!plain_api_version(daemon_version)) {
    // Refused as an API range dockcis does not speak is: the run stops.
    constexpr std::size_t kShown = 40;
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0,
                                    "the Docker daemon at " + options_.socket_path + " told an API version that is not one: \"" +
                                        util::valid_utf8(daemon_version.substr(0, kShown)) + (daemon_version.size() > kShown ? "..." : "") + "\""});
  }
  api_version_ = api_version_less(daemon_version, kNewestKnownApi) ? daemon_version : std::string(kNewestKnownApi);
  return api_version_;
}

std::expected<nlohmann::json, ApiError> DockerApi::get(std::string_view path) { return get_with(path); }

std::expected<nlohmann::json, ApiError> DockerApi::get(std::string_view path, const Screen& screen, const util::JsonKeep* kept_parts) {
  return get_beside(path, screen, kept_parts, {}, {}, nullptr);
}

std::expected<nlohmann::json, ApiError> DockerApi::get_beside(std::string_view path, const Screen& screen,
                                                              const util::JsonKeep* kept_parts, const std::vector<std::string>& beside,
                                                              const Keep& keep, const util::JsonKeep* beside_parts) {
  // The first URL starts first: the pool fills its slots in order.
  std::vector<std::string> urls{request_url(path)};
  urls.reserve(beside.size() + 1);
  for (const auto& other : beside) urls.push_back(request_url(other));
  std::expected<nlohmann::json, ApiError> first = std::unexpected(ApiError{});
  // Each answer is read as it arrives, the first too, while the others are still asked.
  transfers_.get_all(urls, [&](std::size_t index, Transfer&& transfer) {
    if (index > 0) {
      const auto& other = beside[index - 1];
      return keep(index - 1, document(interpret(std::move(transfer), other), other, beside_parts));
    }
    auto raw = interpret(std::move(transfer), path);
    if (raw && raw->status < 400) {
      if (auto refused = screen(raw->body)) {
        first = std::unexpected(std::move(*refused));
        return;
      }
    }
    first = document(std::move(raw), path, kept_parts);
  });
  return first;
}

std::vector<std::expected<nlohmann::json, ApiError>> DockerApi::get_many(const std::vector<std::string>& paths) {
  std::vector<std::expected<nlohmann::json, ApiError>> results(paths.size(), std::unexpected(ApiError{}));
  get_each(paths, [&](std::size_t index, std::expected<nlohmann::json, ApiError>&& result) { results[index] = std::move(result); });
  return results;
}

void DockerApi::get_each(const std::vector<std::string>& paths, const Keep& keep, const util::JsonKeep* kept_parts) {
  std::vector<std::string> urls;
  urls.reserve(paths.size());
  for (const auto& path : paths) urls.push_back(request_url(path));
  // Each answer is parsed as it arrives, while the daemon prepares the next ones.
  transfers_.get_all(urls, [&](std::size_t index, Transfer&& transfer) {
    keep(index, document(interpret(std::move(transfer), paths[index]), paths[index], kept_parts));
  });
}

void DockerApi::start_audit() {
  kept_values_ = 0;
  const std::lock_guard lock(counts_mutex_);
  counts_.clear();
}

std::map<std::string, int> DockerApi::request_counts() const {
  const std::lock_guard lock(counts_mutex_);
  return counts_;
}

}  // namespace dockcis::collect
