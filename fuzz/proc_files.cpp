// SPDX-License-Identifier: Apache-2.0
// The host's /proc texts and the image inspect document the CIS 4.1, 4.8 and
// 7.2 collectors read: /proc/net/tcp, /proc/net/udp (each also as its IPv6
// form), /proc/<pid>/status, and GraphDriver's layer directories. Input:
// tcp `%%` udp `%%` status `%%` an image inspect document.
#include <cstddef>
#include <cstdint>

#include "collect/host/listeners.hpp"
#include "collect/host/main_process.hpp"
#include "collect/host/setuid_files.hpp"
#include "fuzz_input.hpp"
#include "util/json_parse.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::sections(data, size, 4);
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
  return 0;
}
