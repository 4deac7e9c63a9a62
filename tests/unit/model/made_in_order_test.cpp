// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "util/made_in_order.hpp"

using dockcis::util::MadeInOrder;

TEST_CASE("made in order: every item once, handed out in order, with and without helpers") {
  for (const unsigned helpers : {0u, 1u, 3u}) {
    for (const std::size_t count : {0u, 1u, 2u, 5u, 40u}) {
      std::atomic<int> calls = 0;
      std::mutex mutex;
      std::set<std::size_t> made;
      MadeInOrder<std::string> items(count, helpers, 2, [&](std::size_t index) {
        ++calls;
        const std::lock_guard lock(mutex);
        CHECK(made.insert(index).second);
        return "item " + std::to_string(index);
      });
      for (std::size_t index = 0; index < count; ++index) CHECK(items.next() == "item " + std::to_string(index));
      CHECK_FALSE(items.next().has_value());
      CHECK(calls == static_cast<int>(count));
    }
  }
}

TEST_CASE("made in order: no more than the window made and not handed out") {
  // Item j is started only once j - window items were handed out; the count
  // this test keeps is raised just after next() returns, so it may lag by one.
  for (const unsigned helpers : {1u, 3u}) {
    std::atomic<std::size_t> returned = 0;
    std::atomic<std::size_t> furthest_ahead = 0;
    MadeInOrder<std::string> items(12, helpers, 2, [&](std::size_t index) {
      const std::size_t ahead = index - std::min(index, returned.load());
      for (auto seen = furthest_ahead.load(); ahead > seen && !furthest_ahead.compare_exchange_weak(seen, ahead);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(index % 3 == 0 ? 20 : 2));
      return std::string(index, 'x');
    });
    for (std::size_t index = 0; index < 12; ++index) {
      CHECK(items.next()->size() == index);
      ++returned;
      // A slow consumer: the helpers must wait for the window, not run ahead.
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(furthest_ahead <= 2);
  }
}

TEST_CASE("made in order: a failure reaches the taker of that item, the others still arrive") {
  MadeInOrder<std::string> items(4, 1, 2, [](std::size_t index) -> std::string {
    if (index == 1) throw std::runtime_error("cannot render");
    return std::to_string(index);
  });
  CHECK(items.next() == "0");
  CHECK_THROWS_WITH_AS(items.next(), "cannot render", std::runtime_error);
  CHECK(items.next() == "2");
  CHECK(items.next() == "3");
  CHECK_FALSE(items.next().has_value());
}

TEST_CASE("made in order: left before every item is handed out, it stops and joins") {
  std::atomic<int> calls = 0;
  {
    MadeInOrder<std::string> items(50, 2, 2, [&](std::size_t index) {
      ++calls;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return std::to_string(index);
    });
    CHECK(items.next() == "0");
  }
  CHECK(calls <= 3);
}
