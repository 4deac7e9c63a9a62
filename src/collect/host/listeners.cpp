// SPDX-License-Identifier: Apache-2.0
#include "collect/host/listeners.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <algorithm>

#include "collect/host/proc.hpp"
#include "collect/host/socket_diag.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;

constexpr std::string_view kListen = "0A";  // TCP_LISTEN in include/net/tcp_states.h
// Reading every process's descriptors is bounded: a host with more gives owners for what was read.
constexpr std::size_t kMaxDescriptors = 200000;

std::optional<unsigned long> hex(std::string_view text) {
  unsigned long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

using AddressBytes = std::array<unsigned char, 16>;

// The kernel prints each 32-bit word of the address in host byte order (little-endian here).
std::optional<AddressBytes> address_bytes(std::string_view hex_address, bool ipv6) {
  const std::size_t words = ipv6 ? 4 : 1;
  if (hex_address.size() != words * 8) return std::nullopt;
  AddressBytes bytes{};
  for (std::size_t w = 0; w < words; ++w) {
    const auto word = hex(hex_address.substr(w * 8, 8));
    if (!word) return std::nullopt;
    for (int b = 0; b < 4; ++b) bytes[w * 4 + b] = static_cast<unsigned char>((*word >> (8 * b)) & 0xff);
  }
  return bytes;
}

// Bytes in network order: dotted for IPv4, eight groups without leading zeros for IPv6.
std::string address_text(const AddressBytes& bytes, bool ipv6) {
  if (!ipv6) {
    return std::to_string(bytes[0]) + "." + std::to_string(bytes[1]) + "." + std::to_string(bytes[2]) + "." +
           std::to_string(bytes[3]);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (int group = 0; group < 8; ++group) {
    if (group) text += ':';
    const unsigned value = (bytes[group * 2] << 8) | bytes[group * 2 + 1];
    bool leading = true;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned digit = (value >> shift) & 0xf;
      if (leading && digit == 0 && shift > 0) continue;
      leading = false;
      text += kHex[digit];
    }
  }
  return text;
}

bool wildcard(const std::string& address) { return address == "0.0.0.0" || address == "0:0:0:0:0:0:0:0"; }

json socket_json(std::string_view protocol, bool ipv6, const AddressBytes& bytes, unsigned long port, json uid, std::string inode) {
  auto address = address_text(bytes, ipv6);
  const bool any = wildcard(address);
  return {{"protocol", protocol}, {"family", ipv6 ? "ipv6" : "ipv4"}, {"address", std::move(address)}, {"port", port},
          {"wildcard", any}, {"uid", std::move(uid)}, {"inode", std::move(inode)}};
}

// inode -> pids holding a socket with that inode, from /proc/<pid>/fd links "socket:[inode]".
std::map<std::string, std::vector<long>> socket_owners(const HostRoot& root) {
  std::map<std::string, std::vector<long>> owners;
  std::size_t read = 0;
  for (const long pid : list_pids(root)) {
    if (read >= kMaxDescriptors) break;
    const auto links = root.read_links("/proc/" + std::to_string(pid) + "/fd", kMaxDescriptors - read);
    if (!links) continue;
    read += links->size();
    for (const auto& [fd, link] : *links) {
      if (!link.starts_with("socket:[") || !link.ends_with(']')) continue;
      auto& pids = owners[link.substr(8, link.size() - 9)];
      if (pids.empty() || pids.back() != pid) pids.push_back(pid);
    }
  }
  return owners;
}

}  // namespace

namespace {

// The common parsing of a /proc/net/{tcp,udp}[6] line; `keep` picks the lines by state and remote address.
json parse_sockets(std::string_view text, bool ipv6, std::string_view protocol,
                   bool (*keep)(const std::string& state, const std::string& remote)) {
  json sockets = json::array();
  for (const auto& line : util::split(text, '\n')) {
    const auto fields = util::split_words(line);
    if (fields.size() < 10 || !keep(fields[3], fields[2])) continue;
    const auto colon = fields[1].find(':');
    if (colon == std::string::npos) continue;
    const auto address = address_bytes(std::string_view(fields[1]).substr(0, colon), ipv6);
    const auto port = hex(std::string_view(fields[1]).substr(colon + 1));
    if (!address || !port || *port > 65535 || (protocol == "udp" && *port == 0)) continue;
    json uid = nullptr;
    if (all_digits(fields[7]) && fields[7].size() < 11) uid = std::stol(fields[7]);
    sockets.push_back(socket_json(protocol, ipv6, *address, *port, std::move(uid), fields[9]));
  }
  return sockets;
}

bool tcp_listening(const std::string& state, const std::string&) { return state == kListen; }

// A UDP socket that receives from anyone: bound, not connected to one peer.
bool udp_unconnected(const std::string&, const std::string& remote) {
  const auto colon = remote.find(':');
  return colon != std::string::npos && remote.find_first_not_of('0') >= colon && remote.substr(colon + 1).find_first_not_of('0') == std::string::npos;
}

}  // namespace

json parse_tcp_listeners(std::string_view text, bool ipv6) { return parse_sockets(text, ipv6, "tcp", tcp_listening); }

json parse_udp_sockets(std::string_view text, bool ipv6) { return parse_sockets(text, ipv6, "udp", udp_unconnected); }

namespace {

// The four dumps in /proc/1/net's order: tcp, tcp6, udp, udp6. A UDP socket
// that receives from anyone is unconnected (TCP_CLOSE, no peer).
constexpr std::uint32_t kListenState = 1u << TCP_LISTEN;
constexpr std::uint32_t kUnconnectedState = 1u << TCP_CLOSE;
// Far above any host's listening sockets; /proc's files are bounded by their 4 MiB read the same way.
constexpr std::size_t kMaxDiagSockets = 65536;

std::expected<json, std::string> diag_listeners() {
  json sockets = json::array();
  for (const auto& [family, protocol] :
       {std::pair{AF_INET, IPPROTO_TCP}, {AF_INET6, IPPROTO_TCP}, {AF_INET, IPPROTO_UDP}, {AF_INET6, IPPROTO_UDP}}) {
    const bool udp = protocol == IPPROTO_UDP;
    const DiagQuery query{static_cast<std::uint8_t>(family), static_cast<std::uint8_t>(protocol),
                          udp ? kUnconnectedState : kListenState};
    auto found = query_diag_sockets(query, kMaxDiagSockets);
    if (!found) return std::unexpected(std::move(found.error()));
    for (const auto& socket : *found) {
      const bool peer = socket.remote_port != 0 || std::ranges::any_of(socket.remote_address, [](unsigned char b) { return b != 0; });
      if (udp && (socket.port == 0 || peer)) continue;
      sockets.push_back(socket_json(udp ? "udp" : "tcp", family == AF_INET6, socket.address, socket.port, socket.uid,
                                    std::to_string(socket.inode)));
    }
  }
  return sockets;
}

// /proc/1/net's four files: PID 1's network namespace, whatever dockcis' own.
std::expected<void, model::Unavailable> proc_listeners(const HostRoot& root, json& sockets, json& sources) {
  for (const auto& [path, ipv6, udp] : {std::tuple{"/proc/1/net/tcp", false, false}, {"/proc/1/net/tcp6", true, false},
                                        {"/proc/1/net/udp", false, true}, {"/proc/1/net/udp6", true, true}}) {
    const auto text = root.read_text(path);
    if (!text) {
      if (text.error().kind == ProbeError::Kind::not_found) continue;
      return std::unexpected(unavailable(text.error(), "cannot read", path));
    }
    sources.push_back(path);
    for (auto& socket : udp ? parse_udp_sockets(*text, ipv6) : parse_tcp_listeners(*text, ipv6)) sockets.push_back(std::move(socket));
  }
  if (std::ranges::none_of(sources, [](const json& source) { return source.get<std::string>().find("tcp") != std::string::npos; })) {
    return std::unexpected(model::Unavailable{"no /proc/1/net/tcp under " + root.resolve("/proc").string() +
                                                  " (run on the host, or give --root the host's /proc)",
                                              model::ErrorKind::not_visible});
  }
  return {};
}

}  // namespace

model::Fact listeners_fact(const HostRoot& root, ListenerSource source) {
  json sockets = json::array();
  json sources = json::array();
  // On the live host the kernel is asked over sock_diag when that is right
  // and free (see diag_unusable_reason); why it was not is kept beside /proc's sources.
  std::string sock_diag;
  if (source == ListenerSource::best && root.root() == "/") {
    sock_diag = diag_unusable_reason(root);
    if (sock_diag.empty()) {
      if (auto found = diag_listeners()) {
        sockets = std::move(*found);
        sources.push_back("NETLINK_SOCK_DIAG");
      } else {
        sock_diag = "asked, and failed: " + found.error();
      }
    }
  }
  if (sources.empty()) {
    if (auto read = proc_listeners(root, sockets, sources); !read) return std::unexpected(std::move(read.error()));
  }
  const auto owners = socket_owners(root);
  // The kernel gives each socket an inode of its own. A table that repeats
  // one (a fixture, or a line read twice while the table changed) has its
  // owners listed on the first socket only, and each process's name read
  // once: otherwise sockets times owners, each up to 200,000, would be read
  // and copied. An empty list is "owner not visible" to the checks.
  std::set<std::string> listed;
  std::map<long, json> comm_of;  ///< null where /proc/PID/comm could not be read: an owner not seen
  for (auto& socket : sockets) {
    const auto& inode = socket["inode"].get_ref<const std::string&>();
    const auto found = owners.find(inode);
    json processes = json::array();
    if (!listed.insert(inode).second) {
      socket["inode_repeated"] = true;
    } else if (found != owners.end()) {
      for (const long pid : found->second) {
        auto [comm, unread] = comm_of.try_emplace(pid);
        if (unread) {
          const auto text = root.read_text("/proc/" + std::to_string(pid) + "/comm");
          comm->second = text ? json(util::trim(*text)) : json(nullptr);
        }
        processes.push_back({{"pid", pid}, {"comm", comm->second}});
      }
    }
    socket["processes"] = std::move(processes);
  }
  json fact{{"sockets", std::move(sockets)}, {"sources", std::move(sources)}};
  if (!sock_diag.empty()) fact["sock_diag"] = std::move(sock_diag);
  return fact;
}

}  // namespace dockcis::collect
