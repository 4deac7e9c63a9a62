// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// The listening sockets of one /proc/net/tcp or tcp6 text:
/// [{"protocol": "tcp", "family", "address", "port", "wildcard", "uid", "inode"}].
model::json parse_tcp_listeners(std::string_view text, bool ipv6);
/// The bound, unconnected sockets of one /proc/net/udp or udp6 text (the
/// ones that receive from any peer), in the same shape with "protocol": "udp".
model::json parse_udp_sockets(std::string_view text, bool ipv6);

/// Where `listeners_fact` reads the sockets from.
enum class ListenerSource {
  best,  ///< the kernel over sock_diag on the live host when diag_unusable_reason allows, else /proc/1/net
  proc,  ///< /proc/1/net alone
};

/// The `host.listeners` fact: the host's listening TCP and bound UDP sockets, from PID 1's
/// network namespace (the host's), each with the processes that hold it.
model::Fact listeners_fact(const HostRoot& root, ListenerSource source = ListenerSource::best);

}  // namespace dockcis::collect
