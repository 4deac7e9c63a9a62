// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

// An Engine API in the fuzzing process: a Unix socket that answers every GET
// with the document of its kind taken from the current input, over HTTP/1.1
// keep-alive as dockerd does. dockcis' own client (libcurl) talks to it, so
// the path from bytes on the socket to facts is the one a real run takes.
namespace dockcis::fuzz {

/// The documents of one input, in this order.
enum class Document { version, info, containers, container, images, image, history, networks, network, swarm, nodes, count };

class FakeEngine {
 public:
  FakeEngine();
  ~FakeEngine();
  FakeEngine(const FakeEngine&) = delete;
  FakeEngine& operator=(const FakeEngine&) = delete;

  /// The answers from now on: one part per Document; a missing part is a 404.
  /// A part starting with "HTTP NNN\n" is answered with that status (200 to 599; a 1xx one, an interim answer, is answered 200).
  void serve(const std::vector<std::string_view>& parts);
  /// Waits until every connection a client opened has been closed and its
  /// worker has let go of what it held, so an input frees all it allocated
  /// before it ends (libFuzzer otherwise scans the heap for leaks after each).
  void wait_idle();
  [[nodiscard]] const std::string& socket_path() const { return socket_path_; }

 private:
  struct Answer {
    int status = 404;
    std::string body = R"({"message":"page not found"})";
  };
  void accept_loop();
  void answer_connection(int fd);
  Answer answer(std::string_view path);

  std::filesystem::path dir_;
  std::string socket_path_;
  int listen_fd_ = -1;
  std::mutex mutex_;
  std::condition_variable idle_;
  int open_connections_ = 0;
  std::array<Answer, static_cast<std::size_t>(Document::count)> answers_;
};

}  // namespace dockcis::fuzz
