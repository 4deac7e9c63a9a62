// SPDX-License-Identifier: Apache-2.0
#include "fake_engine.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace dockcis::fuzz {
namespace {

constexpr std::string_view kApiVersion = "1.43";
constexpr int kWorkers = 8;

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto written = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// "GET /v1.43/info HTTP/1.1" -> "/info".
std::string_view request_path(std::string_view head) {
  const auto first = head.find(' ');
  if (first == std::string_view::npos) return {};
  const auto second = head.find(' ', first + 1);
  auto path = head.substr(first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1);
  if (path.starts_with("/v")) {
    const auto slash = path.find('/', 1);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return path;
}

// Which document a path asks for; count when none.
Document document_for(std::string_view path) {
  const auto between = [&](std::string_view prefix, std::string_view suffix) {
    return path.size() > prefix.size() + suffix.size() && path.starts_with(prefix) && path.ends_with(suffix);
  };
  if (path == "/version") return Document::version;
  if (path == "/info") return Document::info;
  if (path.starts_with("/containers/json")) return Document::containers;
  if (between("/containers/", "/json")) return Document::container;
  if (path.starts_with("/images/json")) return Document::images;
  if (between("/images/", "/json")) return Document::image;
  if (between("/images/", "/history")) return Document::history;
  if (path == "/networks") return Document::networks;
  if (between("/networks/", "")) return Document::network;
  if (path == "/swarm") return Document::swarm;
  if (path == "/nodes") return Document::nodes;
  return Document::count;
}

}  // namespace

FakeEngine::FakeEngine() {
  const char* base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
  std::string pattern = std::string(base) + "/dockcis-fuzz-engine-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) std::abort();
  dir_ = pattern;
  socket_path_ = pattern + "/docker.sock";
  listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  socket_path_.copy(address.sun_path, sizeof(address.sun_path) - 1);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(listen_fd_, 64) != 0) {
    std::abort();
  }
  // Workers made once, each accepting on the one socket: a thread per
  // connection would be made and freed across inputs. More than the client's
  // four concurrent connections, so none waits in the backlog.
  for (int worker = 0; worker < kWorkers; ++worker) std::thread([this] { accept_loop(); }).detach();
}

// The workers run until the process ends; only the files go.
FakeEngine::~FakeEngine() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void FakeEngine::serve(const std::vector<std::string_view>& parts) {
  const std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < answers_.size(); ++i) {
    Answer answer;
    if (i < parts.size()) {
      auto part = parts[i];
      answer.status = 200;
      if (part.size() >= 9 && part.starts_with("HTTP ") && part[8] == '\n') {
        const int status = std::atoi(std::string(part.substr(5, 3)).c_str());
        // A 1xx status is an interim answer: libcurl waits for the final one
        // until the request's timeout (5 s here), which a fault test covers
        // with a stalled engine; in the fuzzer it only cost seconds an input.
        if (status >= 200 && status <= 599) answer.status = status;
        part.remove_prefix(9);
      }
      answer.body = std::string(part);
    }
    answers_[i] = std::move(answer);
  }
}

void FakeEngine::accept_loop() {
  while (true) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    {
      const std::lock_guard lock(mutex_);
      ++open_connections_;
    }
    answer_connection(fd);
    const std::lock_guard lock(mutex_);
    if (--open_connections_ == 0) idle_.notify_all();
  }
}

void FakeEngine::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait_for(lock, std::chrono::seconds(10), [this] { return open_connections_ == 0; });
}

FakeEngine::Answer FakeEngine::answer(std::string_view path) {
  if (path == "/_ping") return {200, "OK"};
  const auto document = document_for(path);
  if (document == Document::count) return {};
  const std::lock_guard lock(mutex_);
  return answers_[static_cast<std::size_t>(document)];
}

// Requests are GETs without a body: a head ends at an empty line.
void FakeEngine::answer_connection(int fd) {
  std::string buffer;
  char chunk[4096];
  while (true) {
    const auto end = buffer.find("\r\n\r\n");
    if (end == std::string::npos) {
      const auto received = ::recv(fd, chunk, sizeof chunk, 0);
      if (received <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(received));
      continue;
    }
    const auto reply = answer(request_path(std::string_view(buffer).substr(0, buffer.find("\r\n"))));
    const std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " Fuzz\r\nApi-Version: " + std::string(kApiVersion) +
                             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(reply.body.size()) +
                             "\r\n\r\n";
    buffer.erase(0, end + 4);
    if (!write_all(fd, head) || !write_all(fd, reply.body)) break;
  }
  ::close(fd);
}

}  // namespace dockcis::fuzz
