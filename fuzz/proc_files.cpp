// SPDX-License-Identifier: Apache-2.0
// The host's /proc texts and the image inspect document the CIS 4.1, 4.8 and
// 7.2 collectors read: /proc/net/tcp, /proc/net/udp (each also as its IPv6
// form), /proc/<pid>/status, GraphDriver's layer directories, and a datagram
// of the kernel's sock_diag answer. Input: tcp `%%` udp `%%` status `%%` an
// image inspect document `%%` a netlink datagram (sequence 1).
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "collect/host/listeners.hpp"
#include "collect/host/main_process.hpp"
#include "collect/host/setuid_files.hpp"
#include "collect/host/socket_diag.hpp"
#include "fuzz_input.hpp"
#include "util/json_parse.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::sections(data, size, 5);
  for (const bool ipv6 : {false, true}) {
    (void)collect::parse_tcp_listeners(parts[0], ipv6).dump(-1, ' ', false, model::json::error_handler_t::replace);
    if (parts.size() > 1) (void)collect::parse_udp_sockets(parts[1], ipv6).dump(-1, ' ', false, model::json::error_handler_t::replace);
  }
  if (parts.size() > 2) (void)collect::status_ids(parts[2]).dump();
  if (parts.size() > 3) {
    // As the Engine API client reads an image inspect document.
    const auto inspect = util::parse_json(parts[3]);
    std::string problem;
    if (inspect) (void)collect::layer_dirs(*inspect, problem);
  }
  if (parts.size() > 4) {
    std::vector<collect::DiagSocket> sockets;
    const std::span datagram(reinterpret_cast<const unsigned char*>(parts[4].data()), parts[4].size());
    for (const collect::DiagQuery query : {collect::DiagQuery{AF_INET, IPPROTO_TCP, 1u << 10}, {AF_INET6, IPPROTO_UDP, 1u << 7}}) {
      (void)collect::read_diag_datagram(datagram, query, 1, sockets, 16);
    }
  }
  return 0;
}
