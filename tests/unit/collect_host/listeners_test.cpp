// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "collect/host/listeners.hpp"
#include "temp_tree.hpp"

using namespace dockcis;
using model::json;

namespace {

// Taken from a host running dockerd with a swarm: 2377 and 7946 on every
// address, ssh on loopback, one established connection (not a listener).
constexpr const char* kTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1651 1 0 100 0 0 10 0\n"
    "   1: 00000000:0959 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n"
    "   2: 020200C0:A5C6 507100CB:0050 01 00000000:00000000 03:0000026C 00000000     0        0 0 3 0\n";
constexpr const char* kTcp6 =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000000000000000000000000000:1F0A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0 100 0 0 10 0\n"
    "   1: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 6161 1 0\n";

}  // namespace

TEST_CASE("listening sockets of /proc/net/tcp and tcp6 with their addresses") {
  const auto v4 = collect::parse_tcp_listeners(kTcp, false);
  REQUIRE(v4.size() == 2);
  CHECK(v4[0]["address"] == "127.0.0.1");
  CHECK(v4[0]["port"] == 22);
  CHECK(v4[0]["wildcard"] == false);
  CHECK(v4[1]["address"] == "0.0.0.0");
  CHECK(v4[1]["port"] == 2393);
  CHECK(v4[1]["wildcard"] == true);
  CHECK(v4[1]["inode"] == "4242");
  const auto v6 = collect::parse_tcp_listeners(kTcp6, true);
  REQUIRE(v6.size() == 2);
  CHECK(v6[0]["address"] == "0:0:0:0:0:0:0:0");
  CHECK(v6[0]["port"] == 7946);
  CHECK(v6[0]["wildcard"] == true);
  CHECK(v6[1]["address"] == "0:0:0:0:0:0:0:1");
  CHECK(v6[1]["uid"] == 106);
}

TEST_CASE("garbage lines are skipped, never a crash") {
  CHECK(collect::parse_tcp_listeners("0: zz:zz 0A\n\n   1: 00000000:FFFFF 0 0A a b c d e f\n", false).empty());
  CHECK(collect::parse_tcp_listeners("   0: 0000:0016 00000000:0000 0A 0 0 0 0 0 0 1\n", true).empty());
}

TEST_CASE("the host.listeners fact: PID 1's sockets with their owners; none visible is an error") {
  TempTree tree;
  tree.write("/proc/1/net/tcp", kTcp);
  tree.write("/proc/1/net/tcp6", kTcp6);
  tree.write("/proc/300/comm", "dockerd\n");
  tree.link("socket:[4242]", "/proc/300/fd/7");
  const auto fact = collect::listeners_fact(collect::HostRoot(tree.root()));
  REQUIRE(fact.has_value());
  REQUIRE((*fact)["sockets"].size() == 4);
  CHECK((*fact)["sockets"][1]["processes"] == json::array({{{"pid", 300}, {"comm", "dockerd"}}}));
  CHECK((*fact)["sockets"][0]["processes"].empty());

  TempTree empty;
  const auto missing = collect::listeners_fact(collect::HostRoot(empty.root()));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == model::ErrorKind::not_visible);
}
