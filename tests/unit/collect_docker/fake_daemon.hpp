// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "collect/docker/docker_api.hpp"

namespace dockcis::test {

/// Runs tests/fake_docker/server.py on a fresh socket for one scenario, with
/// a request log so tests count what the daemon side saw.
class FakeDaemon {
 public:
  /// `options`: more of server.py's options ("--containers", "3").
  explicit FakeDaemon(const std::string& scenario, const std::string& api_version = "1.43",
                      const std::vector<std::string>& options = {}) {
    char pattern[] = "/tmp/dockcis-fake-XXXXXX";
    const char* made = mkdtemp(pattern);
    REQUIRE(made != nullptr);
    dir_ = made;
    socket_ = dir_ + "/docker.sock";
    log_ = dir_ + "/requests.log";
    const std::string server = std::string(FAKE_DOCKER_DIR) + "/server.py";
    std::vector<std::string> arguments{"python3", server, socket_, scenario, "--log", log_, "--api-version", api_version};
    arguments.insert(arguments.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      execv("/usr/bin/python3", argv.data());
      _exit(127);
    }
    // The socket file appears at bind(), before listen(): wait until a
    // connection is accepted. The probe connection sends no request, so it
    // leaves no line in the log.
    bool listening = false;
    for (int i = 0; i < 200 && !listening; ++i) {
      listening = accepts_connections();
      if (!listening) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE_MESSAGE(listening, "the fake daemon did not start");
  }
  ~FakeDaemon() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::filesystem::remove_all(dir_);
  }
  FakeDaemon(const FakeDaemon&) = delete;
  FakeDaemon& operator=(const FakeDaemon&) = delete;

  [[nodiscard]] const std::string& socket_path() const { return socket_; }
  [[nodiscard]] const std::string& dir() const { return dir_; }

  [[nodiscard]] collect::DockerApi::Options options(long timeout_ms = 5000) const {
    collect::DockerApi::Options options;
    options.socket_path = socket_;
    options.timeout_ms = timeout_ms;
    return options;
  }

  struct Request {
    int connection = 0;
    std::string path;  ///< as sent, with its version prefix
  };
  [[nodiscard]] std::vector<Request> requests() const {
    std::vector<Request> out;
    std::ifstream in(log_);
    Request request;
    while (in >> request.connection >> request.path) out.push_back(request);
    return out;
  }
  [[nodiscard]] int count(const std::string& path) const {
    int n = 0;
    for (const auto& request : requests()) n += request.path == path ? 1 : 0;
    return n;
  }
  [[nodiscard]] std::size_t connections() const {
    std::set<int> ids;
    for (const auto& request : requests()) ids.insert(request.connection);
    return ids.size();
  }

 private:
  [[nodiscard]] bool accepts_connections() const {
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    socket_.copy(address.sun_path, sizeof(address.sun_path) - 1);
    const bool connected = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    return connected;
  }

  std::string dir_;
  std::string socket_;
  std::string log_;
  pid_t pid_ = -1;
};

/// A 64-character id made of one repeated pair, as the fixtures use ("c1" -> c1c1...).
inline std::string id_of(const char* two) {
  std::string id;
  for (int i = 0; i < 32; ++i) id += two;
  return id;
}

}  // namespace dockcis::test
