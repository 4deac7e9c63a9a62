// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/background_task.hpp"

using dockcis::util::BackgroundTask;

TEST_CASE("a background task gives its work's result, success or error") {
  BackgroundTask done([]() -> std::expected<void, std::string> { return {}; });
  CHECK(done.result().has_value());
  BackgroundTask failed([]() -> std::expected<void, std::string> { return std::unexpected(std::string("cannot sync")); });
  const auto outcome = failed.result();
  REQUIRE_FALSE(outcome.has_value());
  CHECK(outcome.error() == "cannot sync");
}

TEST_CASE("a background task runs beside its caller, on another thread") {
  std::promise<void> go;
  auto went = go.get_future();
  const auto caller = std::this_thread::get_id();
  std::thread::id worker;
  // The work waits for the caller to go on after the construction: done in
  // the constructor, it would see no signal and say so (after 10 s, not forever).
  BackgroundTask task([&]() -> std::expected<void, std::string> {
    worker = std::this_thread::get_id();
    if (went.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return std::unexpected(std::string("ran in the constructor"));
    return {};
  });
  go.set_value();
  CHECK(task.result().has_value());
  CHECK(worker != caller);
}

TEST_CASE("an exception thrown by the work is the task's error, not the process's end") {
  BackgroundTask thrown([]() -> std::expected<void, std::string> { throw std::runtime_error("disk on fire"); });
  const auto outcome = thrown.result();
  REQUIRE_FALSE(outcome.has_value());
  CHECK(outcome.error() == "disk on fire");
  BackgroundTask odd([]() -> std::expected<void, std::string> { throw 42; });
  CHECK_FALSE(odd.result().has_value());
}

TEST_CASE("a result is taken once; a moved task keeps its work; a dropped one is waited for") {
  std::vector<BackgroundTask> tasks;
  std::atomic<int> ran = 0;
  for (int i = 0; i < 4; ++i) {
    tasks.emplace_back([&ran]() -> std::expected<void, std::string> {
      ++ran;
      return {};
    });
  }
  for (auto& task : tasks) CHECK(task.result().has_value());
  CHECK(ran == 4);
  CHECK_FALSE(tasks.front().result().has_value());
  std::atomic<bool> finished = false;
  {
    BackgroundTask dropped([&finished]() -> std::expected<void, std::string> {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      finished = true;
      return {};
    });
  }
  CHECK(finished);
}
