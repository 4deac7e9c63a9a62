// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>

#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "collect/docker/event_stream.hpp"
#include "fake_daemon.hpp"

using namespace dockcis;
using collect::EngineEvent;
using collect::EventStream;
using test::FakeDaemon;
using test::id_of;

namespace {

EventStream::Options quick(const FakeDaemon& daemon, int interrupt_fd = -1) {
  EventStream::Options options;
  options.socket_path = daemon.socket_path();
  options.api_version = "1.43";
  options.partial_line_timeout = std::chrono::milliseconds(500);
  options.silence_timeout = std::chrono::milliseconds(1500);
  options.interrupt_fd = interrupt_fd;
  return options;
}

struct Seen {
  int subscribed = 0;
  std::vector<EngineEvent> events;
};

EventStream::Handlers recording(Seen& seen) {
  return {[&] { ++seen.subscribed; }, [&](std::vector<EngineEvent>&& events) { std::ranges::move(events, std::back_inserter(seen.events)); }, {}};
}

}  // namespace

TEST_CASE("events: a line is an event only with Type, Action and Actor.ID") {
  EngineEvent event;
  CHECK(collect::parse_event(R"({"Type":"container","Action":"create","Actor":{"ID":"abc","Attributes":{"name":"web"}},"timeNano":5})",
                             event));
  CHECK(event.type == "container");
  CHECK(event.action == "create");
  CHECK(event.id == "abc");
  CHECK(event.name == "web");
  CHECK(event.time_nano == 5);
  CHECK(collect::parse_event(R"({"Type":"container","Action":"exec_start: sh -c x","Actor":{"ID":"abc"}})", event));
  CHECK(event.action == "exec_start");
  for (const char* bad : {"", "not json", "[]", R"({"Type":"container","Action":"create"})",
                          R"({"Type":"container","Action":"create","Actor":{"ID":7}})", R"({"Type":1,"Action":"x","Actor":{"ID":"a"}})",
                          R"({"Type":"container","Action":"create","Actor":{"ID":"a"},"x":[[[[[[[[[[[[1]]]]]]]]]]]]})"}) {
    CAPTURE(bad);
    CHECK_FALSE(collect::parse_event(bad, event));
  }
}

TEST_CASE("events: the filter asks for container, network, image and daemon changes only") {
  const auto path = collect::events_path();
  CHECK(path.starts_with("/events?filters="));
  for (const char* word : {"container", "network", "daemon", "image", "create", "destroy", "reload", "rename", "update", "tag", "untag",
                           "delete", "pull", "load"}) {
    CHECK(path.find(word) != std::string::npos);
  }
}

TEST_CASE("events: the reconnect delay doubles up to 30 s") {
  CHECK(collect::reconnect_delay(0).count() == 0);
  CHECK(collect::reconnect_delay(1).count() == 250);
  CHECK(collect::reconnect_delay(2).count() == 500);
  CHECK(collect::reconnect_delay(5).count() == 4000);
  CHECK(collect::reconnect_delay(50).count() == 30000);
}

TEST_CASE("events: a stream is read as it comes, then a silent stream ends for a resync") {
  FakeDaemon daemon("events");
  Seen seen;
  const auto started = std::chrono::steady_clock::now();
  const auto outcome = EventStream(quick(daemon)).run(recording(seen));
  CHECK(seen.subscribed == 1);
  REQUIRE(seen.events.size() == 5);
  CHECK(seen.events[0].id == id_of("c1"));
  CHECK(seen.events[0].action == "create");
  CHECK(seen.events[1].action == "start");
  CHECK(seen.events[3].type == "network");
  CHECK(seen.events[4].type == "daemon");
  CHECK(seen.events[4].action == "reload");
  CHECK(outcome.end == EventStream::End::stalled);
  CHECK(outcome.events == 5);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(daemon.count("/v1.43" + collect::events_path()) == 1);
}

TEST_CASE("events: a stream that stalls mid-line ends as stalled") {
  FakeDaemon daemon("events-stall");
  Seen seen;
  const auto outcome = EventStream(quick(daemon)).run(recording(seen));
  CHECK(outcome.end == EventStream::End::stalled);
  CHECK(outcome.message.find("unfinished") != std::string::npos);
  CHECK(seen.events.empty());
  // The next subscription is served normally.
  const auto again = EventStream(quick(daemon)).run(recording(seen));
  CHECK(seen.events.size() == 5);
  CHECK(again.end == EventStream::End::stalled);
}

TEST_CASE("events: garbage ends the stream as garbled, never a crash") {
  FakeDaemon daemon("events-garbage");
  Seen seen;
  const auto outcome = EventStream(quick(daemon)).run(recording(seen));
  CHECK(outcome.end == EventStream::End::garbage);
  CHECK(outcome.message.find("this is not an event") != std::string::npos);
  CHECK(seen.events.empty());
}

TEST_CASE("events: a line over the bound is garbage") {
  FakeDaemon daemon("events");
  auto options = quick(daemon);
  options.max_line_bytes = 40;
  Seen seen;
  const auto outcome = EventStream(options).run(recording(seen));
  CHECK(outcome.end == EventStream::End::garbage);
  CHECK(seen.events.empty());
}

TEST_CASE("events: a dropped stream ends as closed after its events") {
  FakeDaemon daemon("events-drop");
  Seen seen;
  const auto outcome = EventStream(quick(daemon)).run(recording(seen));
  CHECK(outcome.end == EventStream::End::closed);
  CHECK(seen.events.size() == 1);
}

TEST_CASE("events: a refused subscription and a missing socket are told apart") {
  FakeDaemon daemon("events-refused");
  Seen seen;
  const auto refused = EventStream(quick(daemon)).run(recording(seen));
  CHECK(refused.end == EventStream::End::http);
  CHECK(refused.message.find("500") != std::string::npos);
  CHECK(seen.subscribed == 0);
  auto options = quick(daemon);
  options.socket_path = daemon.dir() + "/absent.sock";
  const auto absent = EventStream(options).run(recording(seen));
  CHECK(absent.end == EventStream::End::unreachable);
}

TEST_CASE("events: the interrupt descriptor stops a silent stream at once") {
  FakeDaemon daemon("events");
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  auto options = quick(daemon, pipe_fds[0]);
  options.silence_timeout = std::chrono::seconds(60);
  Seen seen;
  std::chrono::steady_clock::time_point written;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    written = std::chrono::steady_clock::now();
    CHECK(write(pipe_fds[1], "x", 1) == 1);
  });
  const auto outcome = EventStream(options).run(recording(seen));
  const auto stopped = std::chrono::steady_clock::now();
  stopper.join();
  CHECK(outcome.end == EventStream::End::interrupted);
  CHECK(stopped - written < std::chrono::milliseconds(300));
  close(pipe_fds[0]);
  close(pipe_fds[1]);
}

TEST_CASE("events: a batch handled for longer than the partial-line bound does not end a stream that kept sending") {
  // 2,000 create events in two parts cut mid-line, the second 0.2 s after
  // the first; the handler of the first part's batch takes longer than the
  // stream may leave a line unfinished, while the rest waits in the socket.
  FakeDaemon daemon("events-burst", "1.43", {"--burst", "2000"});
  Seen seen;
  bool first = true;
  EventStream::Handlers slow{[&] { ++seen.subscribed; },
                             [&](std::vector<EngineEvent>&& events) {
                               if (first) std::this_thread::sleep_for(std::chrono::milliseconds(900));
                               first = false;
                               std::ranges::move(events, std::back_inserter(seen.events));
                             },
                             {}};
  const auto outcome = EventStream(quick(daemon)).run(slow);
  CHECK(seen.events.size() == 2000);
  CHECK(outcome.end == EventStream::End::stalled);
  CHECK(outcome.message.find("no event for") != std::string::npos);
}
