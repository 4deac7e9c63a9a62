// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "collect/docker/docker_api.hpp"
#include "collect/docker/transfer_pool.hpp"
#include "fake_daemon.hpp"
#include "util/json_parse.hpp"

using namespace dockcis;
using collect::ApiError;
using test::FakeDaemon;
using test::id_of;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Runs `body` as the unprivileged user nobody in a child process; its exit
// status is the result.
int as_nobody(const std::function<int()>& body) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0) _exit(90);
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

}  // namespace

TEST_CASE("socket path: --socket, then DOCKER_HOST=unix://, then the default") {
  CHECK(*collect::resolve_socket_path("/run/user/1000/docker.sock", "unix:///other.sock") == "/run/user/1000/docker.sock");
  CHECK(*collect::resolve_socket_path("/run/user/1000/docker.sock", "tcp://10.0.0.1:2376") == "/run/user/1000/docker.sock");
  CHECK(*collect::resolve_socket_path("", "unix:///run/user/1000/docker.sock") == "/run/user/1000/docker.sock");
  CHECK(*collect::resolve_socket_path("", nullptr) == "/var/run/docker.sock");
  CHECK(*collect::resolve_socket_path("", "") == "/var/run/docker.sock");
  for (const char* other : {"tcp://10.0.0.1:2376", "ssh://admin@host", "npipe:////./pipe/docker_engine", "unix://"}) {
    CAPTURE(other);
    const auto refused = collect::resolve_socket_path("", other);
    REQUIRE_FALSE(refused.has_value());
    CHECK(contains(refused.error(), "unix://"));
    CHECK(contains(refused.error(), "--socket"));
  }
}

TEST_CASE("socket errors name the socket and what to do") {
  const std::string path = "/var/run/docker.sock";
  const auto missing = collect::socket_error(path, ENOENT);
  CHECK(missing.kind == ApiError::Kind::unreachable);
  CHECK(missing.message ==
        "cannot connect to the Docker daemon at /var/run/docker.sock: no such file "
        "(is dockerd running? use --socket or DOCKER_HOST=unix://PATH)");
  for (const int denied : {EACCES, EPERM}) {
    const auto error = collect::socket_error(path, denied);
    CHECK(error.kind == ApiError::Kind::permission);
    CHECK(error.message == "permission denied on /var/run/docker.sock (run as root or as a member of the docker group)");
  }
  const auto refused = collect::socket_error(path, ECONNREFUSED);
  CHECK(refused.kind == ApiError::Kind::unreachable);
  CHECK(contains(refused.message, "/var/run/docker.sock: connection refused (is dockerd running?"));
  CHECK(contains(collect::socket_error(path, ENOTSOCK).message, "not a socket"));
  CHECK(contains(collect::socket_error(path, ENOTDIR).message, "/var/run/docker.sock: not a directory"));
}

TEST_CASE("a missing socket is unreachable, with the path and a hint") {
  collect::DockerApi::Options options;
  options.socket_path = "/nonexistent/docker.sock";
  collect::DockerApi api(options);
  const auto version = api.negotiate();
  REQUIRE_FALSE(version.has_value());
  CHECK(version.error().kind == ApiError::Kind::unreachable);
  CHECK(contains(version.error().message, "/nonexistent/docker.sock: no such file"));
  CHECK(contains(version.error().message, "is dockerd running"));
  CHECK(api.request_counts().empty());
}

TEST_CASE("a socket nobody listens on, and a file that is not a socket, are unreachable") {
  char pattern[] = "/tmp/dockcis-dead-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string dead = dir + "/dead.sock";
  {
    // Bound but never listening: connect() is refused.
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    dead.copy(address.sun_path, sizeof(address.sun_path) - 1);
    REQUIRE(bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
    close(fd);
  }
  collect::DockerApi::Options options;
  options.socket_path = dead;
  collect::DockerApi api(options);
  const auto refused = api.negotiate();
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == ApiError::Kind::unreachable);
  CHECK(contains(refused.error().message, dead + ": connection refused"));

  const std::string plain = dir + "/plain";
  std::ofstream(plain) << "not a socket";
  options.socket_path = plain;
  collect::DockerApi file_api(options);
  const auto not_socket = file_api.negotiate();
  REQUIRE_FALSE(not_socket.has_value());
  CHECK(not_socket.error().kind == ApiError::Kind::unreachable);
  CHECK(contains(not_socket.error().message, plain + ": not a socket"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a socket the user may not open is a permission error") {
  FakeDaemon daemon("normal");
  // The socket stays usable by its owner only; the directory may be entered.
  REQUIRE(chmod(daemon.dir().c_str(), 0755) == 0);
  REQUIRE(chmod(daemon.socket_path().c_str(), 0600) == 0);
  const auto options = daemon.options();
  const auto denied = [&] {
    collect::DockerApi api(options);
    const auto version = api.negotiate();
    if (version.has_value()) return 1;
    if (version.error().kind != ApiError::Kind::permission) return 2;
    return version.error().message == "permission denied on " + options.socket_path +
                                          " (run as root or as a member of the docker group)"
               ? 0
               : 3;
  };
  // As root the check runs in a child that became nobody; otherwise here.
  const int outcome = geteuid() == 0 ? as_nobody(denied) : (chmod(options.socket_path.c_str(), 0) == 0 ? denied() : 4);
  CHECK(outcome == 0);
  CHECK(daemon.requests().empty());
}

TEST_CASE("API versions compare part by part as numbers of any length") {
  CHECK(collect::api_version_less("1.9", "1.24"));
  CHECK_FALSE(collect::api_version_less("1.24", "1.9"));
  CHECK_FALSE(collect::api_version_less("1.24", "1.24"));
  CHECK_FALSE(collect::api_version_less("1.40", "1.40.0"));  // a missing part is 0, as Docker compares
  CHECK_FALSE(collect::api_version_less("1.40.0", "1.40"));
  CHECK_FALSE(collect::api_version_less("1.040", "1.40"));
  CHECK_FALSE(collect::api_version_less("1.40", "1.040"));
  CHECK(collect::api_version_less("v1.40", "1.41-beta"));
  CHECK(collect::api_version_less("", "0.1"));
  // Beyond an int, and beyond 64 bits: no overflow, still in order.
  CHECK(collect::api_version_less("1.47", "1.1111111111"));
  CHECK(collect::api_version_less("1.99999999999999999999998", "1.99999999999999999999999"));
  CHECK_FALSE(collect::api_version_less("1.99999999999999999999999", "1.99999999999999999999998"));
}

TEST_CASE("the API version comes from the /_ping header, else from /version, capped at the newest known") {
  SUBCASE("header") {
    FakeDaemon daemon("normal");
    collect::DockerApi api(daemon.options());
    CHECK(*api.negotiate() == "1.43");
    CHECK(api.api_version() == "1.43");
    CHECK_FALSE(api.version_answer().has_value());
    CHECK(daemon.count("/_ping") == 1);
    CHECK(daemon.count("/version") == 0);
  }
  SUBCASE("no header: /version ApiVersion, read once") {
    FakeDaemon daemon("noping");
    collect::DockerApi api(daemon.options());
    CHECK(*api.negotiate() == "1.43");
    REQUIRE(api.version_answer().has_value());
    CHECK((**api.version_answer())["Version"] == "24.0.7");
    CHECK(daemon.count("/version") == 1);
  }
  SUBCASE("an older daemon is addressed in its own version") {
    FakeDaemon daemon("normal", "1.41");
    collect::DockerApi api(daemon.options());
    CHECK(*api.negotiate() == "1.41");
    REQUIRE(api.get("/info").has_value());
    CHECK(daemon.count("/v1.41/info") == 1);
  }
  SUBCASE("a newer daemon is addressed in the newest version this client knows") {
    FakeDaemon daemon("normal", "1.99");
    collect::DockerApi api(daemon.options());
    CHECK(*api.negotiate() == "1.47");
  }
  SUBCASE("a version that is not one is refused, not put into the paths") {
    for (const std::string told : {"1.43/../../containers", "1.43 x", "v1.43", "1", "1.43.0.1", "99999.1"}) {
      CAPTURE(told);
      FakeDaemon daemon("normal", told);
      collect::DockerApi api(daemon.options());
      const auto version = api.negotiate();
      REQUIRE_FALSE(version.has_value());
      CHECK(version.error().kind == ApiError::Kind::unreachable);
      CHECK(version.error().message.find("told an API version that is not one") != std::string::npos);
      CHECK(api.api_version().empty());
      CHECK(daemon.requests().size() == 1);
    }
    FakeDaemon daemon("noping", "1.4a");
    collect::DockerApi api(daemon.options());
    const auto version = api.negotiate();
    REQUIRE_FALSE(version.has_value());
    CHECK(version.error().message.find("\"1.4a\"") != std::string::npos);
  }
  SUBCASE("no version at all") {
    FakeDaemon daemon("noversion");
    collect::DockerApi api(daemon.options());
    const auto version = api.negotiate();
    REQUIRE_FALSE(version.has_value());
    CHECK(version.error().kind == ApiError::Kind::http);
    CHECK(api.api_version().empty());
  }
}

TEST_CASE("requests before negotiation are unversioned; /_ping always is") {
  FakeDaemon daemon("normal");
  collect::DockerApi api(daemon.options());
  REQUIRE(api.get("/info").has_value());
  REQUIRE(api.negotiate().has_value());
  REQUIRE(api.get("/info").has_value());
  const auto requests = daemon.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].path == "/info");
  CHECK(requests[1].path == "/_ping");
  CHECK(requests[2].path == "/v1.43/info");
}

TEST_CASE("HTTP errors carry the status and the daemon's message") {
  FakeDaemon daemon("http500");
  collect::DockerApi api(daemon.options());
  REQUIRE(api.negotiate().has_value());
  const auto failed = api.get("/containers/json?all=1");
  REQUIRE_FALSE(failed.has_value());
  CHECK(failed.error().kind == ApiError::Kind::http);
  CHECK(failed.error().http_status == 500);
  CHECK(failed.error().message == "GET /containers/json?all=1: HTTP 500: fake daemon failure");
  const auto missing = api.get("/containers/nope/json");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().http_status == 404);
  CHECK(missing.error().message == "GET /containers/nope/json: HTTP 404: page not found");
}

TEST_CASE("malformed and truncated bodies are errors, never values") {
  SUBCASE("malformed") {
    FakeDaemon daemon("malformed");
    collect::DockerApi api(daemon.options());
    REQUIRE(api.negotiate().has_value());
    const auto info = api.get("/info");
    REQUIRE_FALSE(info.has_value());
    CHECK(info.error().kind == ApiError::Kind::malformed);
    CHECK(info.error().message.starts_with("GET /info: malformed JSON: "));
  }
  SUBCASE("truncated") {
    FakeDaemon daemon("truncated");
    collect::DockerApi api(daemon.options());
    REQUIRE(api.negotiate().has_value());
    const auto inspect = api.get("/containers/" + id_of("c1") + "/json");
    REQUIRE_FALSE(inspect.has_value());
    CHECK(inspect.error().kind == ApiError::Kind::malformed);
    CHECK(contains(inspect.error().message, "truncated"));
    // The broken connection is replaced; the next request is answered.
    CHECK(api.get("/info").has_value());
  }
}

TEST_CASE("answers past the values one document or the whole run may hold are refused, never kept") {
  // One request of a new client.
  const auto answer = [](const collect::DockerApi::Options& options, const std::string& path) {
    collect::DockerApi api(options);
    REQUIRE(api.negotiate().has_value());
    return api.get(path);
  };
  FakeDaemon daemon("removed");
  auto options = daemon.options();
  options.max_document_values = 5;
  const auto info = answer(options, "/info");
  REQUIRE_FALSE(info.has_value());
  CHECK(info.error().kind == ApiError::Kind::too_large);
  CHECK(info.error().message == "GET /info: the answer holds more than 5 values, beyond dockcis' limits for one document");

  // Each answer fits, but together they pass the run's budget: from then on every answer is refused.
  options.max_document_values = 4UL * 1024 * 1024;
  const auto first = answer(options, "/info");
  REQUIRE(first.has_value());
  options.max_kept_values = dockcis::util::value_count(*first) * 2 + 1;
  collect::DockerApi budgeted(options);
  REQUIRE(budgeted.negotiate().has_value());
  CHECK(budgeted.get("/info").has_value());
  CHECK(budgeted.get("/info").has_value());
  const auto third = budgeted.get("/info");
  REQUIRE_FALSE(third.has_value());
  CHECK(third.error().kind == ApiError::Kind::too_large);
  CHECK(contains(third.error().message, "the Engine API's answers in this run hold more than"));
  CHECK_FALSE(budgeted.get("/info").has_value());
  // A client kept for many audits (watch) starts each one's budget afresh, and its request counts with it.
  CHECK(budgeted.request_counts().at("/info") == 4);
  budgeted.start_audit();
  CHECK(budgeted.request_counts().empty());
  CHECK(budgeted.get("/info").has_value());
  CHECK(budgeted.get("/info").has_value());
  CHECK_FALSE(budgeted.get("/info").has_value());

  // An error's body is read within the same cap: past it, its start is shown as text, not built.
  FakeDaemon failing("http500");
  auto capped = failing.options();
  capped.max_document_values = 1;
  const auto failed = answer(capped, "/containers/json?all=1");
  REQUIRE_FALSE(failed.has_value());
  CHECK(failed.error().http_status == 500);
  CHECK(contains(failed.error().message, "HTTP 500: {"));
  CHECK(contains(failed.error().message, "fake daemon failure"));
}

TEST_CASE("a slow daemon times out with the time waited") {
  FakeDaemon daemon("slow");
  collect::DockerApi api(daemon.options(800));
  REQUIRE(api.negotiate().has_value());
  const auto started = std::chrono::steady_clock::now();
  const auto info = api.get("/info");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(info.has_value());
  CHECK(info.error().kind == ApiError::Kind::timeout);
  CHECK(info.error().message ==
        "GET /info: the Docker daemon at " + daemon.socket_path() + " did not answer: timed out after 0.8 s");
  CHECK(elapsed < std::chrono::seconds(4));
}

TEST_CASE("get_many answers in input order over a few reused keep-alive connections") {
  FakeDaemon daemon("removed");
  collect::DockerApi api(daemon.options());
  REQUIRE(api.negotiate().has_value());
  std::vector<std::string> paths;
  for (int round = 0; round < 5; ++round) {
    paths.push_back("/containers/" + id_of("c1") + "/json");
    paths.push_back("/containers/" + id_of("c2") + "/json");
    paths.push_back("/info");
  }
  for (int call = 0; call < 2; ++call) {
    const auto results = api.get_many(paths);
    REQUIRE(results.size() == paths.size());
    for (std::size_t i = 0; i < paths.size(); i += 3) {
      REQUIRE(results[i].has_value());
      CHECK((*results[i])["Name"] == "/web");
      REQUIRE_FALSE(results[i + 1].has_value());
      CHECK(results[i + 1].error().http_status == 404);
      REQUIRE(results[i + 2].has_value());
      CHECK(results[i + 2]->contains("ServerVersion"));
    }
  }
  CHECK(api.request_counts().at("/info") == 10);
  CHECK(daemon.count("/v1.43/info") == 10);
  // Four pooled connections, the first also used for /_ping; none reopened.
  CHECK(daemon.connections() <= 4);
}

TEST_CASE("the transfer pool makes an easy handle per slot and sets each up again for every request") {
  FakeDaemon daemon("removed");
  collect::TransferPool::Limits limits;
  limits.socket_path = daemon.socket_path();
  limits.slots = 3;
  limits.max_body_bytes = 1 << 20;
  collect::TransferPool pool(limits);
  // A refused inspect (404) between answered requests: a handle whose last
  // answer was an error serves the next request as a new one would.
  const std::vector<std::string> paths{"http://localhost/v1.43/info", "http://localhost/v1.43/containers/" + id_of("c2") + "/json",
                                       "http://localhost/v1.43/containers/" + id_of("c1") + "/json"};
  std::vector<std::string> urls;
  for (int round = 0; round < 10; ++round) urls.insert(urls.end(), paths.begin(), paths.end());
  for (int call = 0; call < 2; ++call) {
    std::vector<collect::Transfer> answers(urls.size());
    pool.get_all(urls, [&](std::size_t index, collect::Transfer&& transfer) { answers[index] = std::move(transfer); });
    for (std::size_t i = 0; i < urls.size(); i += 3) {
      CHECK(answers[i].curl_code == 0);
      CHECK(answers[i].status == 200);
      CHECK(contains(answers[i].body, "ServerVersion"));
      CHECK(answers[i + 1].status == 404);
      CHECK(answers[i + 2].status == 200);
      CHECK(contains(answers[i + 2].body, "\"/web\""));
    }
  }
  CHECK(pool.handles_made() == 3);
  CHECK(daemon.count("/v1.43/info") == 20);
}

TEST_CASE("stalled inspects cost about one timeout together, and the others are answered") {
  FakeDaemon daemon("stalled");
  collect::DockerApi api(daemon.options(2000));
  REQUIRE(api.negotiate().has_value());
  std::vector<std::string> paths{"/containers/" + id_of("c1") + "/json"};
  for (int i = 0; i < 40; ++i) {
    char id[5];
    std::snprintf(id, sizeof id, "d%03d", i);
    paths.push_back("/containers/" + std::string(id) + std::string(60, '0') + "/json");
  }
  paths.push_back("/containers/" + id_of("c2") + "/json");
  const auto started = std::chrono::steady_clock::now();
  const auto results = api.get_many(paths);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE(results.size() == 42);
  // Why an answered inspect failed, should it (a loaded machine's timeout, so far).
  const auto why = [](const auto& result) { return result ? std::string() : result.error().message; };
  REQUIRE_MESSAGE(results.front().has_value(), why(results.front()));
  CHECK((*results.front())["Name"] == "/web");
  REQUIRE_MESSAGE(results.back().has_value(), why(results.back()));
  CHECK((*results.back())["Name"] == "/db");
  for (std::size_t i = 1; i <= 40; ++i) {
    REQUIRE_FALSE(results[i].has_value());
    CHECK(results[i].error().kind == ApiError::Kind::timeout);
    CHECK(contains(results[i].error().message, "timed out after 2 s"));
  }
  // One request after another (or four at a time) would wait 80 s (20 s).
  CHECK(elapsed >= std::chrono::milliseconds(1900));
  CHECK(elapsed < std::chrono::milliseconds(4500));
  // The daemon still answers on the pool afterwards.
  CHECK(api.get("/info").has_value());
}

TEST_CASE("an interrupt descriptor becoming readable ends the requests in flight and starts none") {
  FakeDaemon daemon("stalled");
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  auto options = daemon.options(20000);
  options.interrupt_fd = fds[0];
  collect::DockerApi api(options);
  REQUIRE(api.negotiate().has_value());
  std::vector<std::string> paths;
  for (int i = 0; i < 10; ++i) {
    char id[5];
    std::snprintf(id, sizeof id, "d%03d", i);
    paths.push_back("/containers/" + std::string(id) + std::string(60, '0') + "/json");
  }
  // The "signal" arrives 300 ms into requests that would wait 20 s.
  std::thread signal([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(write(fds[1], "x", 1) == 1);
  });
  const auto started = std::chrono::steady_clock::now();
  const auto results = api.get_many(paths);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  signal.join();
  REQUIRE(results.size() == paths.size());
  for (const auto& result : results) {
    REQUIRE_FALSE(result.has_value());
    CHECK(contains(result.error().message, "stopped: dockcis was asked to exit"));
  }
  CHECK(elapsed < std::chrono::milliseconds(1500));
  // Still readable: the next request is not even started.
  const auto after = api.get("/info");
  REQUIRE_FALSE(after.has_value());
  CHECK(contains(after.error().message, "stopped"));
  close(fds[0]);
  close(fds[1]);
}

TEST_CASE("the real engine, when one answers") {
  collect::DockerApi api({});
  const auto version = api.negotiate();
  if (!version) {
    MESSAGE("no engine at /var/run/docker.sock: " << version.error().message);
    return;
  }
  const auto info = api.get("/info");
  REQUIRE(info.has_value());
  CHECK(info->contains("ServerVersion"));
  CHECK_FALSE(api.api_version().empty());
}
