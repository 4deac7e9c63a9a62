// SPDX-License-Identifier: Apache-2.0
// no_wildcard_listeners (CIS 7.2) and supported_release (CIS 1.2.2), and the
// catalogue's data files they read.
#include <doctest/doctest.h>

#include "engine/data_file.hpp"
#include "engine/loader.hpp"
#include "engine/operators.hpp"

using dockcis::engine::find_operator;
using dockcis::engine::json;
using dockcis::engine::OpOutcome;
using dockcis::model::State;

namespace {

OpOutcome apply(const char* op, const json& actual, const json& expected) {
  const auto* info = find_operator(op);
  REQUIRE(info != nullptr);
  return info->apply(actual, expected);
}

json socket(const char* address, int port, const char* protocol, const char* owner, bool ipv6 = false) {
  json processes = json::array();
  if (owner != nullptr) processes.push_back({{"pid", 300}, {"comm", owner}});
  const bool any = std::string(address) == "0.0.0.0" || std::string(address) == "0:0:0:0:0:0:0:0";
  return {{"protocol", protocol}, {"family", ipv6 ? "ipv6" : "ipv4"}, {"address", address}, {"port", port},
          {"wildcard", any}, {"processes", processes}};
}

const json kSwarmPorts = json::array({"2377/tcp", "7946/tcp", "7946/udp", "4789/udp"});

json table(const char* run_date, const char* updated = "2026-11-30") {
  auto document = json::parse(R"json({
    "engine": [
      {"cycle": "29", "end_of_support": null, "latest": "29.3.0", "latest_released": "2026-03-05"},
      {"cycle": "27", "end_of_support": "2025-05-03", "latest": "27.5.1"},
      {"cycle": "26.1", "end_of_support": null, "latest": "26.1.5"},
      {"cycle": "20.10", "end_of_support": "2023-12-10", "latest": "20.10.27"}],
    "distributions": [
      {"distribution": "Debian 12 (bookworm)", "package": "docker.io", "version_prefix": "20.10.24+dfsg1",
       "end_of_support": "2026-06-10", "extended_by": "Debian LTS", "extended_until": "2028-06-10"}]})json");
  document["updated"] = updated;
  document["run_date"] = run_date;
  return document;
}

}  // namespace

TEST_CASE("no_wildcard_listeners: dockerd's swarm sockets on every address fail") {
  const json bound = json::array({socket("10.0.0.5", 2377, "tcp", "dockerd"), socket("10.0.0.5", 7946, "tcp", "dockerd"),
                                  socket("0.0.0.0", 22, "tcp", "sshd"), socket("0.0.0.0", 7946, "tcp", "other")});
  CHECK(apply("no_wildcard_listeners", bound, kSwarmPorts).state == State::pass);

  const json open = json::array({socket("0:0:0:0:0:0:0:0", 2377, "tcp", "dockerd", true), socket("0.0.0.0", 4789, "udp", nullptr)});
  const auto failed = apply("no_wildcard_listeners", open, kSwarmPorts);
  CHECK(failed.state == State::fail);
  CHECK(failed.message == "swarm ports listen on every address: [::]:2377/tcp (dockerd), 0.0.0.0:4789/udp (owner not visible)");

  const auto unseen = apply("no_wildcard_listeners", json::array({socket("0.0.0.0", 22, "tcp", "sshd")}), kSwarmPorts);
  CHECK(unseen.state == State::error);
  CHECK(unseen.message.find("network namespace") != std::string::npos);
  CHECK(apply("no_wildcard_listeners", json{{"sockets", 1}}, kSwarmPorts).state == State::error);
  CHECK(apply("no_wildcard_listeners", json::array({7, "x", json::object()}), kSwarmPorts).state == State::error);
}

TEST_CASE("no_wildcard_listeners: a socket entry it cannot read is an error, never a socket that is closed") {
  const auto open_swarm = socket("0.0.0.0", 2377, "tcp", "dockerd");
  CHECK(apply("no_wildcard_listeners", json::array({open_swarm}), kSwarmPorts).state == State::fail);
  const auto changed = [&](const char* field, const json& value) {
    auto entry = open_swarm;
    if (value.is_discarded()) entry.erase(field);
    else entry[field] = value;
    return apply("no_wildcard_listeners", json::array({socket("10.0.0.5", 7946, "tcp", "dockerd"), entry}), kSwarmPorts);
  };
  for (const auto& [field, value] : std::initializer_list<std::pair<const char*, json>>{
           {"wildcard", "yes"}, {"wildcard", 1}, {"wildcard", nullptr}, {"wildcard", json(json::value_t::discarded)},
           {"port", "2377"}, {"port", 2377.0}, {"port", json(json::value_t::discarded)}, {"protocol", 6},
           {"processes", json::array({nullptr})}, {"processes", json::array({{{"comm", json::array({"dockerd"})}}})}, {"processes", 1}}) {
    CAPTURE(field);
    CAPTURE(value.dump());
    const auto outcome = changed(field, value);
    CHECK(outcome.state == State::error);
    CHECK(outcome.message.starts_with("entry 1 of the sockets is a socket "));
  }
  for (const json& entry : {json(), json(5), json::array({open_swarm})}) {
    CAPTURE(entry.dump());
    CHECK(apply("no_wildcard_listeners", json::array({socket("10.0.0.5", 7946, "tcp", "dockerd"), entry}), kSwarmPorts).state == State::error);
    // A swarm port open to all fails whatever else the list holds, in any order.
    CHECK(apply("no_wildcard_listeners", json::array({entry, open_swarm}), kSwarmPorts).state == State::fail);
    CHECK(apply("no_wildcard_listeners", json::array({open_swarm, entry}), kSwarmPorts).state == State::fail);
  }
  // A holder whose name could not be read (null) is an owner not seen, held to the rule as dockerd's.
  auto unnamed = open_swarm;
  unnamed["processes"] = json::array({{{"pid", 300}, {"comm", nullptr}}});
  const auto unseen = apply("no_wildcard_listeners", json::array({socket("10.0.0.5", 7946, "tcp", "dockerd"), unnamed}), kSwarmPorts);
  CHECK(unseen.state == State::fail);
  CHECK(unseen.message == "swarm ports listen on every address: 0.0.0.0:2377/tcp (owner not visible)");
}

TEST_CASE("supported_release: release lines, latest patch, distribution builds and a stale table") {
  CHECK(apply("supported_release", "29.3.0", table("2026-11-30")).state == State::pass);
  CHECK(apply("supported_release", "29.4.1", table("2026-11-30")).state == State::pass);
  const auto behind = apply("supported_release", "29.1.2", table("2026-11-30"));
  CHECK(behind.state == State::fail);
  CHECK(behind.message.find("older than 29.3.0") != std::string::npos);
  const auto ended = apply("supported_release", "27.5.1", table("2026-11-30"));
  CHECK(ended.state == State::fail);
  CHECK(ended.message.find("out of support on 2025-05-03") != std::string::npos);
  CHECK(apply("supported_release", "26.1.5", table("2026-11-30")).state == State::pass);
  CHECK(apply("supported_release", "26.0.2", table("2026-11-30")).state == State::fail);  // no line of its own: older lines ended
  CHECK(apply("supported_release", "19.03.15", table("2026-11-30")).state == State::fail);
  CHECK(apply("supported_release", json{{"Version", "29.3.0"}}, table("2026-11-30")).state == State::pass);

  const auto debian = apply("supported_release", "20.10.24+dfsg1", table("2026-11-30"));
  CHECK(debian.state == State::fail);
  CHECK(debian.message.find("Debian 12 (bookworm)'s docker.io 20.10.24+dfsg1: its security support ended on 2026-06-10") == 0);
  CHECK(apply("supported_release", "20.10.24+dfsg1", table("2026-01-10", "2026-01-01")).state == State::pass);
  CHECK(apply("supported_release", "20.10.24", table("2026-01-10", "2026-01-01")).state == State::fail);

  const auto future = apply("supported_release", "31.0.0", table("2026-11-30"));
  CHECK(future.state == State::error);
  CHECK(future.message.find("newer than every release") != std::string::npos);
  const auto stale = apply("supported_release", "29.3.0", table("2027-12-01"));
  CHECK(stale.state == State::error);
  CHECK(stale.message.find("more than a year before 2027-12-01") != std::string::npos);
  CHECK(apply("supported_release", "29.3.0", table("2027-11-30")).state == State::pass);
  CHECK(apply("supported_release", "29.3.0", table("not a date")).state == State::error);
  CHECK(apply("supported_release", 29, table("2026-11-30")).state == State::error);
  CHECK(apply("supported_release", "99999999999999999999.1", table("2026-11-30")).state != State::pass);
}

TEST_CASE("data files load by schema; a check's data must exist and carry its date and sources") {
  const std::string checks = R"({"schema": "dockcis.checks/v1", "checks": [
    {"key": "host.up_to_date", "title": "t", "description": "d", "remediation": "r",
     "test": {"fact": "engine.version", "select": "/Version", "op": "supported_release", "data": "docker_releases"}}]})";
  const std::string profile = R"({"schema": "dockcis.profile/v1", "id": "p", "title": "P", "benchmark_version": "1.0.0",
    "docker_min": "0", "sections": [{"id": "1", "title": "S"}],
    "recommendations": [{"id": "1.1", "key": "host.up_to_date", "title": "T", "level": 1, "assessment": "manual"}]})";
  const std::string data = R"({"schema": "dockcis.data/v1", "name": "docker_releases", "title": "t", "updated": "2026-11-30",
    "sources": ["https://endoflife.date/docker-engine"], "value": {"engine": []}})";
  const auto loaded = dockcis::engine::load_catalogue_from({{"a.json", checks}, {"releases.json", data}}, {{"p.json", profile}});
  CHECK(loaded.diagnostics.empty());
  REQUIRE(loaded.catalogue.data.contains("docker_releases"));
  const auto for_run = dockcis::engine::data_for_run(loaded.catalogue, "2026-12-01");
  CHECK(for_run["docker_releases"]["run_date"] == "2026-12-01");
  CHECK(for_run["docker_releases"]["updated"] == "2026-11-30");

  const auto without = dockcis::engine::load_catalogue_from({{"a.json", checks}}, {{"p.json", profile}});
  REQUIRE(without.diagnostics.size() == 1);
  CHECK(without.diagnostics[0].message.find("no data file defines") != std::string::npos);

  const std::string undated = R"({"schema": "dockcis.data/v1", "name": "docker_releases", "title": "t", "updated": "Nov 2026",
    "sources": ["http://x"], "value": {}})";
  const auto bad = dockcis::engine::load_catalogue_from({{"a.json", checks}, {"releases.json", undated}}, {{"p.json", profile}});
  CHECK(bad.diagnostics.size() == 2);
}
