// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

#include "collect/host/host_root.hpp"

namespace dockcis::collect {

/// One socket as the kernel's sock_diag netlink interface lists it.
struct DiagSocket {
  std::array<unsigned char, 16> address{};  ///< network byte order; an IPv4 address is the first four bytes
  std::uint16_t port = 0;
  std::array<unsigned char, 16> remote_address{};
  std::uint16_t remote_port = 0;
  std::uint32_t uid = 0;
  std::uint32_t inode = 0;
};

/// The sockets one dump asks for: AF_INET or AF_INET6, IPPROTO_TCP or
/// IPPROTO_UDP, and a mask of TCP states (1 << TCP_LISTEN: the kernel then
/// walks its listening hash alone, where /proc/net/tcp walks every
/// established connection too).
struct DiagQuery {
  std::uint8_t family = 0;
  std::uint8_t protocol = 0;
  std::uint32_t states = 0;
};

/// One datagram of the kernel's answer to a dump: appends the sockets it
/// lists to `sockets` (at most `max_sockets` in all: more is an error), and
/// is true once the kernel says the dump is complete. Every length is checked
/// against the datagram; a message of another sequence is an error.
std::expected<bool, std::string> read_diag_datagram(std::span<const unsigned char> datagram, const DiagQuery& query,
                                                    std::uint32_t sequence, std::vector<DiagSocket>& sockets,
                                                    std::size_t max_sockets);

/// The sockets of the scanner's own network namespace that `query` asks for,
/// from the kernel over a NETLINK_SOCK_DIAG socket (a receive timeout bounds
/// each read, `max_sockets` the answer).
std::expected<std::vector<DiagSocket>, std::string> query_diag_sockets(const DiagQuery& query, std::size_t max_sockets);

/// Why the live host's listening sockets must be read from /proc/1/net
/// rather than asked over sock_diag, or an empty string when asking is both
/// right and free of side effects: dockcis shares PID 1's network namespace
/// (a systemd unit with PrivateNetwork=, a container of its own: it does
/// not), and the kernel's inet_diag, tcp_diag and udp_diag are there already
/// (built in, or loaded): asking would otherwise make the kernel load them, a
/// change to the host an audit must not make.
std::string diag_unusable_reason(const HostRoot& live);

}  // namespace dockcis::collect
