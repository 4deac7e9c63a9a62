// SPDX-License-Identifier: Apache-2.0
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <expected>
#include <span>
#include <vector>

#include "collect/host/listeners.hpp"
#include "collect/host/socket_diag.hpp"
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

TEST_CASE("the host.listeners fact: a socket inode listed twice has its owners listed once") {
  TempTree tree;
  std::string table = kTcp;
  table += "   3: 00000000:0959 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n";
  tree.write("/proc/1/net/tcp", table);
  tree.write("/proc/300/comm", "dockerd\n");
  tree.write("/proc/301/comm", "dockerd\n");
  tree.link("socket:[4242]", "/proc/300/fd/7");
  tree.link("socket:[4242]", "/proc/301/fd/3");
  const auto fact = collect::listeners_fact(collect::HostRoot(tree.root()));
  REQUIRE(fact.has_value());
  REQUIRE((*fact)["sockets"].size() == 3);
  CHECK((*fact)["sockets"][1]["processes"].size() == 2);
  CHECK((*fact)["sockets"][2]["processes"].empty());
  CHECK((*fact)["sockets"][2]["inode_repeated"] == true);
  CHECK_FALSE((*fact)["sockets"][1].contains("inode_repeated"));
}

namespace {

// One netlink message: header, then payload, padded to four bytes.
void append_message(std::vector<unsigned char>& datagram, std::uint16_t type, std::uint32_t sequence,
                    const void* payload, std::size_t size, std::uint16_t flags = NLM_F_MULTI) {
  nlmsghdr header{};
  header.nlmsg_len = static_cast<std::uint32_t>(NLMSG_HDRLEN + size);
  header.nlmsg_type = type;
  header.nlmsg_flags = flags;
  header.nlmsg_seq = sequence;
  const auto* bytes = reinterpret_cast<const unsigned char*>(&header);
  datagram.insert(datagram.end(), bytes, bytes + sizeof header);
  const auto* body = static_cast<const unsigned char*>(payload);
  datagram.insert(datagram.end(), body, body + size);
  datagram.resize(NLMSG_ALIGN(datagram.size()));
}

inet_diag_msg diag_message(std::uint8_t family, std::uint16_t port, std::uint32_t inode) {
  inet_diag_msg message{};
  message.idiag_family = family;
  message.idiag_state = 10;
  message.id.idiag_sport = htons(port);
  message.id.idiag_src[0] = htonl(0x7f000001);
  message.idiag_uid = 106;
  message.idiag_inode = inode;
  return message;
}

const collect::DiagQuery kTcp4{AF_INET, IPPROTO_TCP, 1u << 10};

}  // namespace

TEST_CASE("a sock_diag answer: its sockets, its end, and every malformed datagram an error") {
  std::vector<unsigned char> datagram;
  const auto first = diag_message(AF_INET, 2377, 4242);
  const auto second = diag_message(AF_INET, 22, 1651);
  append_message(datagram, SOCK_DIAG_BY_FAMILY, 7, &first, sizeof first);
  append_message(datagram, SOCK_DIAG_BY_FAMILY, 7, &second, sizeof second);
  std::vector<collect::DiagSocket> sockets;
  auto more = collect::read_diag_datagram(datagram, kTcp4, 7, sockets, 10);
  REQUIRE(more.has_value());
  CHECK_FALSE(*more);
  REQUIRE(sockets.size() == 2);
  CHECK(sockets[0].port == 2377);
  CHECK(sockets[0].inode == 4242);
  CHECK(sockets[0].uid == 106);
  CHECK(std::vector<unsigned char>(sockets[0].address.begin(), sockets[0].address.begin() + 4) ==
        std::vector<unsigned char>{127, 0, 0, 1});

  std::vector<unsigned char> done;
  const int zero = 0;
  append_message(done, NLMSG_DONE, 7, &zero, sizeof zero);
  auto end = collect::read_diag_datagram(done, kTcp4, 7, sockets, 10);
  REQUIRE(end.has_value());
  CHECK(*end);

  std::vector<collect::DiagSocket> ignored;
  const auto error_of = [&](std::span<const unsigned char> bytes, std::size_t max = 10) {
    ignored.clear();
    const auto result = collect::read_diag_datagram(bytes, kTcp4, 7, ignored, max);
    REQUIRE_FALSE(result.has_value());
    return result.error();
  };
  CHECK(error_of(std::span(datagram).first(10)).find("header is cut short") != std::string::npos);
  auto long_length = datagram;
  long_length[0] = 0xff;
  long_length[1] = 0xff;
  CHECK(error_of(long_length).find("does not fit") != std::string::npos);
  auto short_length = datagram;
  short_length[0] = 4;
  short_length[1] = 0;
  CHECK(error_of(short_length).find("does not fit") != std::string::npos);
  CHECK(error_of(datagram, 1).find("more than 1 sockets") != std::string::npos);
  std::vector<unsigned char> cut;
  append_message(cut, SOCK_DIAG_BY_FAMILY, 7, &first, sizeof first - 1);
  CHECK(error_of(cut).find("cut short") != std::string::npos);
  std::vector<unsigned char> other_sequence;
  append_message(other_sequence, SOCK_DIAG_BY_FAMILY, 8, &first, sizeof first);
  CHECK(error_of(other_sequence).find("another request") != std::string::npos);
  std::vector<unsigned char> other_family;
  const auto v6 = diag_message(AF_INET6, 22, 1);
  append_message(other_family, SOCK_DIAG_BY_FAMILY, 7, &v6, sizeof v6);
  CHECK(error_of(other_family).find("another family") != std::string::npos);
  std::vector<unsigned char> refused;
  const int no_entry = -ENOENT;
  append_message(refused, NLMSG_ERROR, 7, &no_entry, sizeof no_entry);
  CHECK(error_of(refused) == std::string("the kernel refused the request: ") + std::strerror(ENOENT));
  std::vector<unsigned char> interrupted;
  append_message(interrupted, SOCK_DIAG_BY_FAMILY, 7, &first, sizeof first, NLM_F_MULTI | NLM_F_DUMP_INTR);
  CHECK(error_of(interrupted).find("interrupted") != std::string::npos);
}

namespace {

// A socket of this process, bound to an ephemeral port on a loopback address.
struct BoundSocket {
  int fd = -1;
  unsigned port = 0;
  BoundSocket(int family, int type) {
    fd = ::socket(family, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    sockaddr_storage address{};
    socklen_t size = 0;
    if (family == AF_INET) {
      auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
      v4->sin_family = AF_INET;
      v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      size = sizeof *v4;
    } else {
      auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
      v6->sin6_family = AF_INET6;
      v6->sin6_addr = in6addr_loopback;
      size = sizeof *v6;
    }
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 || (type == SOCK_STREAM && ::listen(fd, 4) != 0) ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      ::close(fd);
      fd = -1;
      return;
    }
    port = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(&address)->sin_port
                                   : reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  }
  BoundSocket(const BoundSocket&) = delete;
  BoundSocket& operator=(const BoundSocket&) = delete;
  ~BoundSocket() {
    if (fd >= 0) ::close(fd);
  }
};

const json* find_socket(const json& fact, std::string_view protocol, std::string_view address, unsigned port) {
  for (const auto& socket : fact["sockets"]) {
    if (socket["protocol"] == protocol && socket["address"] == address && socket["port"] == port) return &socket;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the live host's listeners: the kernel's sock_diag answer is /proc/1/net's, owners included") {
  const BoundSocket tcp4(AF_INET, SOCK_STREAM);
  const BoundSocket tcp6(AF_INET6, SOCK_STREAM);
  const BoundSocket udp4(AF_INET, SOCK_DGRAM);
  REQUIRE(tcp4.fd >= 0);
  REQUIRE(udp4.fd >= 0);
  const collect::HostRoot live("/");
  const auto reason = collect::diag_unusable_reason(live);
  const auto best = collect::listeners_fact(live);
  const auto proc = collect::listeners_fact(live, collect::ListenerSource::proc);
  REQUIRE(best.has_value());
  REQUIRE(proc.has_value());
  if (reason.empty()) {
    CHECK((*best)["sources"] == json::array({"NETLINK_SOCK_DIAG"}));
    CHECK_FALSE(best->contains("sock_diag"));
  } else {
    MESSAGE("sock_diag not asked here: " << reason);
    CHECK((*best)["sock_diag"] == reason);
  }
  CHECK((*proc)["sources"][0] == "/proc/1/net/tcp");
  const auto pid = static_cast<long>(::getpid());
  // This test's sockets are PID 1's only where it shares PID 1's network namespace.
  struct stat own {};
  struct stat host {};
  const bool shares_pid1 = ::stat("/proc/self/net/tcp", &own) == 0 && ::stat("/proc/1/net/tcp", &host) == 0 &&
                           own.st_dev == host.st_dev && own.st_ino == host.st_ino;
  for (const auto& fact : shares_pid1 ? std::vector<json>{*best, *proc} : std::vector<json>{}) {
    const auto* listening = find_socket(fact, "tcp", "127.0.0.1", tcp4.port);
    REQUIRE(listening != nullptr);
    CHECK((*listening)["uid"] == ::geteuid());
    CHECK((*listening)["family"] == "ipv4");
    CHECK((*listening)["wildcard"] == false);
    CHECK((*listening)["processes"][0]["pid"] == pid);
    const auto* bound = find_socket(fact, "udp", "127.0.0.1", udp4.port);
    REQUIRE(bound != nullptr);
    CHECK((*bound)["processes"][0]["pid"] == pid);
    if (tcp6.fd >= 0) {
      const auto* listening6 = find_socket(fact, "tcp", "0:0:0:0:0:0:0:1", tcp6.port);
      REQUIRE(listening6 != nullptr);
      CHECK((*listening6)["family"] == "ipv6");
    }
  }
  // Asked in dockcis' own network namespace, where PID 1's cannot be compared
  // (a sandbox that hides PID 1's namespace links), sock_diag still answers
  // with what /proc/self/net lists.
  // Both walk the kernel's tables in the same order; another process may open
  // or close a socket between the two reads, so a differing pair is read again
  // (a few times) before it counts as a difference.
  std::vector<json> listed;
  std::expected<std::vector<collect::DiagSocket>, std::string> asked;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto tcp_text = live.read_text("/proc/self/net/tcp");
    REQUIRE(tcp_text.has_value());
    listed = collect::parse_tcp_listeners(*tcp_text, false);
    asked = collect::query_diag_sockets(kTcp4, 65536);
    REQUIRE(asked.has_value());
    const auto same_inodes = [&] {
      for (std::size_t i = 0; i < asked->size(); ++i) {
        if (std::to_string((*asked)[i].inode) != listed[i]["inode"].get<std::string>()) return false;
      }
      return true;
    };
    if (asked->size() == listed.size() && same_inodes()) break;
  }
  REQUIRE(asked->size() == listed.size());
  bool ours = false;
  for (std::size_t i = 0; i < asked->size(); ++i) {
    CHECK(std::to_string((*asked)[i].inode) == listed[i]["inode"].get<std::string>());
    CHECK((*asked)[i].port == listed[i]["port"].get<unsigned>());
    CHECK((*asked)[i].uid == listed[i]["uid"].get<unsigned>());
    ours = ours || (*asked)[i].port == tcp4.port;
  }
  CHECK(ours);
  const auto udp_asked = collect::query_diag_sockets({AF_INET, IPPROTO_UDP, 1u << 7}, 65536);
  REQUIRE(udp_asked.has_value());
  CHECK(std::ranges::any_of(*udp_asked, [&](const collect::DiagSocket& socket) { return socket.port == udp4.port; }));

  // The same sockets with the same fields: only the sources differ. Read
  // again where another process changed the tables between the two facts.
  std::vector<json> from_kernel;
  std::vector<json> from_proc;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto kernel_fact = attempt == 0 ? best : collect::listeners_fact(live);
    const auto proc_fact = attempt == 0 ? proc : collect::listeners_fact(live, collect::ListenerSource::proc);
    REQUIRE(kernel_fact.has_value());
    REQUIRE(proc_fact.has_value());
    from_kernel = (*kernel_fact)["sockets"].get<std::vector<json>>();
    from_proc = (*proc_fact)["sockets"].get<std::vector<json>>();
    std::ranges::sort(from_kernel);
    std::ranges::sort(from_proc);
    if (from_kernel == from_proc) break;
  }
  CHECK(from_kernel == from_proc);
}
