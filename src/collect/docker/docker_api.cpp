// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/docker_api.hpp"

#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>

#include "util/json_access.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

void init_curl_once() {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)initialised;
}

bool version_less(std::string_view a, std::string_view b) {
  auto parts = [](std::string_view text) {
    std::vector<int> out;
    int current = 0;
    for (char c : text) {
      if (c == '.') out.push_back(current), current = 0;
      else if (c >= '0' && c <= '9') current = current * 10 + (c - '0');
    }
    out.push_back(current);
    return out;
  };
  return parts(a) < parts(b);
}

// Stops the transfer (curl reports a write error) once the answer passes the cap.
size_t append_body(char* data, size_t size, size_t count, void* out) {
  auto& raw = *static_cast<DockerApi::Raw*>(out);
  if (raw.body.size() + size * count > raw.max_body) {
    raw.too_large = true;
    return 0;
  }
  raw.body.append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    auto value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[util::to_lower(line.substr(0, colon))] = value;
  }
  return size * count;
}

// "15", "0.8", "1.25": the timeout as a person would write it.
std::string seconds_text(long milliseconds) {
  if (milliseconds % 1000 == 0) return std::to_string(milliseconds / 1000);
  const int decimals = milliseconds % 100 == 0 ? 1 : milliseconds % 10 == 0 ? 2 : 3;
  return util::fixed(static_cast<double>(milliseconds) / 1000.0, decimals);
}

}  // namespace

bool api_version_less(std::string_view a, std::string_view b) { return version_less(a, b); }

/// One keep-alive connection: a curl easy handle reused for every request.
class DockerApi::Connection {
 public:
  Connection() : handle_(curl_easy_init(), &curl_easy_cleanup) {}
  CURL* get() { return handle_.get(); }

 private:
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle_;
};

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

DockerApi::DockerApi(Options options) : options_(std::move(options)) {
  init_curl_once();
  const int size = std::max(1, options_.concurrency);
  for (int i = 0; i < size; ++i) pool_.push_back(std::make_unique<Connection>());
}

DockerApi::~DockerApi() = default;

std::expected<void, ApiError> DockerApi::check_socket() const {
  const auto& path = options_.socket_path;
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return std::unexpected(socket_error(path, errno));
  if (!S_ISSOCK(info.st_mode)) return std::unexpected(socket_error(path, ENOTSOCK));
  if (access(path.c_str(), R_OK | W_OK) != 0) return std::unexpected(socket_error(path, errno));
  return {};
}

std::expected<DockerApi::Raw, ApiError> DockerApi::fetch(Connection& connection, std::string_view path) {
  {
    const std::lock_guard lock(counts_mutex_);
    ++counts_[std::string(path)];
  }
  CURL* curl = connection.get();
  if (curl == nullptr) {
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0, "GET " + std::string(path) + ": libcurl could not start a request"});
  }
  const std::string what = "GET " + std::string(path);
  long timeout_ms = options_.timeout_ms;
  if (options_.deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*options_.deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return std::unexpected(ApiError{ApiError::Kind::timeout, 0, what + ": not asked: the run's deadline (--deadline) had passed"});
    timeout_ms = std::min<long>(timeout_ms, left);
  }
  const std::string url = "http://localhost" + (api_version_.empty() ? std::string() : "/v" + api_version_) + std::string(path);
  Raw raw;
  raw.max_body = options_.max_body_bytes;
  curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, options_.socket_path.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "dockcis");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &raw);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &raw.headers);
  const CURLcode code = curl_easy_perform(curl);
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
                                                                      curl_easy_strerror(code) + ")"});
  }
  if (code == CURLE_COULDNT_CONNECT) {
    // stat()/access() tell a missing socket from a forbidden one more reliably
    // than the connect() errno, which curl may not report.
    if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
    long os_errno = 0;
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
    return std::unexpected(socket_error(options_.socket_path, os_errno != 0 ? static_cast<int>(os_errno) : ECONNREFUSED));
  }
  if (code != CURLE_OK) {
    if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0,
                                    what + ": cannot talk to the Docker daemon at " + options_.socket_path + ": " +
                                        curl_easy_strerror(code)});
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &raw.status);
  return raw;
}

std::expected<nlohmann::json, ApiError> DockerApi::get_with(Connection& connection, std::string_view path) {
  auto raw = fetch(connection, path);
  if (!raw) return std::unexpected(raw.error());
  const std::string what = "GET " + std::string(path);
  if (raw->status >= 400) {
    // The daemon's {"message": ...}, else the start of whatever a proxy sent.
    const auto document = util::parse_json(raw->body);
    std::string message = document ? util::get_or(*document, "message", raw->body) : raw->body;
    constexpr std::size_t kShown = 300;
    if (message.size() > kShown) message = message.substr(0, kShown) + "...";
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    return std::unexpected(ApiError{ApiError::Kind::http, raw->status,
                                    what + ": HTTP " + std::to_string(raw->status) + (message.empty() ? "" : ": " + message)});
  }
  auto document = util::parse_json(raw->body);
  if (document) return std::move(*document);
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
  auto ping = fetch(*pool_.front(), "/_ping");
  if (!ping && ping.error().kind != ApiError::Kind::malformed) return std::unexpected(ping.error());
  if (ping && ping->status < 400) {
    if (const auto header = ping->headers.find("api-version"); header != ping->headers.end()) daemon_version = header->second;
  }
  if (daemon_version.empty()) {
    // Older daemons and some proxies do not send the header: /version says it too.
    version_answer_ = get_with(*pool_.front(), "/version");
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
  api_version_ = version_less(daemon_version, kNewestKnownApi) ? daemon_version : std::string(kNewestKnownApi);
  return api_version_;
}

std::expected<nlohmann::json, ApiError> DockerApi::get(std::string_view path) { return get_with(*pool_.front(), path); }

std::vector<std::expected<nlohmann::json, ApiError>> DockerApi::get_many(const std::vector<std::string>& paths) {
  std::vector<std::expected<nlohmann::json, ApiError>> results(paths.size(), std::unexpected(ApiError{}));
  const auto workers = std::min(pool_.size(), paths.size());
  if (workers <= 1) {
    for (std::size_t i = 0; i < paths.size(); ++i) results[i] = get_with(*pool_.front(), paths[i]);
    return results;
  }
  // Each worker owns one pooled connection, so its keep-alive connection is
  // reused across requests and across calls.
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&, &connection = *pool_[w]] {
        for (std::size_t i = next++; i < paths.size(); i = next++) results[i] = get_with(connection, paths[i]);
      });
    }
  }
  return results;
}

std::map<std::string, int> DockerApi::request_counts() const {
  const std::lock_guard lock(counts_mutex_);
  return counts_;
}

}  // namespace dockcis::collect
