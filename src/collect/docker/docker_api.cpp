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

namespace dockcis::collect {
namespace {

// The newest Engine API version whose documents dockcis reads; a daemon that
// speaks an older one is addressed in its own version.
constexpr std::string_view kNewestKnownApi = "1.47";

void init_curl_once() {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)initialised;
}

bool version_less(const std::string& a, std::string_view b) {
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

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    auto value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[lower(line.substr(0, colon))] = value;
  }
  return size * count;
}

}  // namespace

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
    if (host.starts_with("unix://")) return host.substr(7);
    return std::unexpected("DOCKER_HOST=" + host + " is not supported: dockcis reads a local engine over unix://PATH (use --socket)");
  }
  return std::string("/var/run/docker.sock");
}

DockerApi::DockerApi(Options options) : options_(std::move(options)) {
  init_curl_once();
  connection_ = std::make_unique<Connection>();
}

DockerApi::~DockerApi() = default;

std::expected<void, ApiError> DockerApi::check_socket() const {
  const auto& path = options_.socket_path;
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    const int error = errno;
    if (error == EACCES) {
      return std::unexpected(ApiError{ApiError::Kind::permission, 0,
                                      "permission denied on " + path + " (run as root or as a member of the docker group)"});
    }
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0,
                                    "cannot connect to the Docker daemon at " + path + ": " + std::strerror(error) +
                                        " (is dockerd running? use --socket or DOCKER_HOST=unix://PATH)"});
  }
  if (!S_ISSOCK(info.st_mode)) {
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0, path + " is not a socket"});
  }
  if (access(path.c_str(), R_OK | W_OK) != 0) {
    return std::unexpected(ApiError{ApiError::Kind::permission, 0,
                                    "permission denied on " + path + " (run as root or as a member of the docker group)"});
  }
  return {};
}

std::expected<DockerApi::Raw, ApiError> DockerApi::fetch(Connection& connection, std::string_view path) {
  {
    const std::lock_guard lock(counts_mutex_);
    ++counts_[std::string(path)];
  }
  CURL* curl = connection.get();
  const std::string url = "http://localhost" + (api_version_.empty() ? std::string() : "/v" + api_version_) + std::string(path);
  Raw raw;
  curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, options_.socket_path.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "dockcis");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &raw.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &raw.headers);
  const CURLcode code = curl_easy_perform(curl);
  const std::string what = "GET " + std::string(path);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return std::unexpected(ApiError{ApiError::Kind::timeout, 0,
                                    what + ": the Docker daemon at " + options_.socket_path + " did not answer within " +
                                        std::to_string(options_.timeout_ms / 1000.0).substr(0, 4) + " s (timed out)"});
  }
  if (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING) {
    return std::unexpected(ApiError{ApiError::Kind::malformed, 0, what + ": truncated answer from the Docker daemon (" +
                                                                      curl_easy_strerror(code) + ")"});
  }
  if (code == CURLE_COULDNT_CONNECT) {
    if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0,
                                    "cannot connect to the Docker daemon at " + options_.socket_path +
                                        ": connection refused (is dockerd running? use --socket or DOCKER_HOST=unix://PATH)"});
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
    std::string message = raw->body;
    try {
      message = nlohmann::json::parse(raw->body).value("message", raw->body);
    } catch (const nlohmann::json::exception&) {
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    return std::unexpected(ApiError{ApiError::Kind::http, raw->status,
                                    what + ": HTTP " + std::to_string(raw->status) + (message.empty() ? "" : ": " + message)});
  }
  try {
    return nlohmann::json::parse(raw->body);
  } catch (const nlohmann::json::parse_error& error) {
    return std::unexpected(ApiError{ApiError::Kind::malformed, raw->status, what + ": malformed JSON: " + error.what()});
  }
}

std::expected<std::string, ApiError> DockerApi::negotiate() {
  if (auto socket = check_socket(); !socket) return std::unexpected(socket.error());
  api_version_.clear();
  std::string daemon_version;
  auto ping = fetch(*connection_, "/_ping");
  if (!ping) return std::unexpected(ping.error());
  if (const auto header = ping->headers.find("api-version"); header != ping->headers.end()) {
    daemon_version = header->second;
  } else {
    auto version = get_with(*connection_, "/version");
    if (!version) return std::unexpected(version.error());
    daemon_version = version->value("ApiVersion", "");
  }
  if (daemon_version.empty()) {
    return std::unexpected(ApiError{ApiError::Kind::malformed, 0, "the Docker daemon did not tell its API version"});
  }
  api_version_ = version_less(daemon_version, kNewestKnownApi) ? daemon_version : std::string(kNewestKnownApi);
  return api_version_;
}

std::expected<nlohmann::json, ApiError> DockerApi::get(std::string_view path) { return get_with(*connection_, path); }

std::vector<std::expected<nlohmann::json, ApiError>> DockerApi::get_many(const std::vector<std::string>& paths) {
  std::vector<std::expected<nlohmann::json, ApiError>> results(paths.size(), std::unexpected(ApiError{}));
  const auto workers = std::min<std::size_t>(std::max(1, options_.concurrency), paths.size());
  if (workers <= 1) {
    for (std::size_t i = 0; i < paths.size(); ++i) results[i] = get_with(*connection_, paths[i]);
    return results;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, first = w == 0] {
      Connection own;
      Connection& connection = first ? *connection_ : own;
      for (std::size_t i = next++; i < paths.size(); i = next++) results[i] = get_with(connection, paths[i]);
    });
  }
  return results;
}

std::map<std::string, int> DockerApi::request_counts() const {
  const std::lock_guard lock(counts_mutex_);
  return counts_;
}

}  // namespace dockcis::collect
