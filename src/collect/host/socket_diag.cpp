// SPDX-License-Identifier: Apache-2.0
#include "collect/host/socket_diag.hpp"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

// A netlink datagram of a dump is at most a few pages; MSG_TRUNC tells a longer one.
constexpr std::size_t kDatagramBytes = 64 * 1024;
constexpr int kReceiveTimeoutSeconds = 2;
// A dump the kernel marks interrupted (its tables changed under it) is asked again this many times.
constexpr int kDumpAttempts = 3;

std::string errno_text(int error) { return std::strerror(error); }

class OwnedDescriptor {
 public:
  explicit OwnedDescriptor(int fd) : fd_(fd) {}
  OwnedDescriptor(const OwnedDescriptor&) = delete;
  OwnedDescriptor& operator=(const OwnedDescriptor&) = delete;
  ~OwnedDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

struct DumpResult {
  bool done = false;
  bool interrupted = false;
};

std::expected<DumpResult, std::string> read_datagram(std::span<const unsigned char> datagram, const DiagQuery& query,
                                                     std::uint32_t sequence, std::vector<DiagSocket>& sockets,
                                                     std::size_t max_sockets) {
  DumpResult result;
  std::size_t offset = 0;
  while (offset < datagram.size()) {
    if (datagram.size() - offset < NLMSG_HDRLEN) return std::unexpected("a netlink message header is cut short");
    nlmsghdr header;
    std::memcpy(&header, datagram.data() + offset, sizeof header);
    if (header.nlmsg_len < NLMSG_HDRLEN || header.nlmsg_len > datagram.size() - offset) {
      return std::unexpected("a netlink message's length (" + std::to_string(header.nlmsg_len) + ") does not fit its datagram");
    }
    if (header.nlmsg_seq != sequence) return std::unexpected("a netlink message answers another request");
    if (header.nlmsg_flags & NLM_F_DUMP_INTR) result.interrupted = true;
    const auto payload = datagram.subspan(offset + NLMSG_HDRLEN, header.nlmsg_len - NLMSG_HDRLEN);
    if (header.nlmsg_type == NLMSG_DONE) {
      result.done = true;
      return result;
    }
    if (header.nlmsg_type == NLMSG_ERROR) {
      int code = 0;
      if (payload.size() < sizeof code) return std::unexpected("a netlink error message is cut short");
      std::memcpy(&code, payload.data(), sizeof code);
      return std::unexpected("the kernel refused the request: " +
                             (code < 0 ? errno_text(-code) : "error " + std::to_string(code)));
    }
    if (header.nlmsg_type == SOCK_DIAG_BY_FAMILY) {
      inet_diag_msg message;
      if (payload.size() < sizeof message) return std::unexpected("a socket's netlink message is cut short");
      std::memcpy(&message, payload.data(), sizeof message);
      if (message.idiag_family != query.family) return std::unexpected("the kernel answered with a socket of another family");
      if (sockets.size() >= max_sockets) {
        return std::unexpected("more than " + std::to_string(max_sockets) + " sockets (the limit of what is read)");
      }
      DiagSocket socket;
      std::memcpy(socket.address.data(), message.id.idiag_src, socket.address.size());
      std::memcpy(socket.remote_address.data(), message.id.idiag_dst, socket.remote_address.size());
      socket.port = ntohs(message.id.idiag_sport);
      socket.remote_port = ntohs(message.id.idiag_dport);
      socket.uid = message.idiag_uid;
      socket.inode = message.idiag_inode;
      sockets.push_back(socket);
    }
    // Messages are padded to four bytes; the padding of the last may be left off.
    offset += std::min<std::size_t>(NLMSG_ALIGN(header.nlmsg_len), datagram.size() - offset);
  }
  return result;
}

std::expected<DumpResult, std::string> dump_once(const DiagQuery& query, std::uint32_t sequence,
                                                 std::vector<DiagSocket>& sockets, std::size_t max_sockets) {
  const OwnedDescriptor fd(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
  if (fd.get() < 0) return std::unexpected("cannot open a sock_diag netlink socket: " + errno_text(errno));
  const timeval timeout{kReceiveTimeoutSeconds, 0};
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0) {
    return std::unexpected("cannot set the netlink socket's timeout: " + errno_text(errno));
  }
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } message{};
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  message.header.nlmsg_seq = sequence;
  message.request.sdiag_family = query.family;
  message.request.sdiag_protocol = query.protocol;
  message.request.idiag_states = query.states;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd.get(), &message, sizeof message, 0, reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel) !=
      static_cast<ssize_t>(sizeof message)) {
    return std::unexpected("cannot ask the kernel over netlink: " + errno_text(errno));
  }
  std::vector<unsigned char> buffer(kDatagramBytes);
  DumpResult result;
  // Every datagram but the last lists a socket, so max_sockets bounds the reads.
  for (std::size_t reads = 0; reads <= max_sockets + 1; ++reads) {
    sockaddr_nl sender{};
    socklen_t sender_size = sizeof sender;
    const ssize_t received =
        ::recvfrom(fd.get(), buffer.data(), buffer.size(), MSG_TRUNC, reinterpret_cast<sockaddr*>(&sender), &sender_size);
    if (received < 0) {
      if (errno == EINTR) continue;
      return std::unexpected("no answer from the kernel over netlink: " + errno_text(errno));
    }
    // Only the kernel (port 0) answers; a datagram from another process is not its answer.
    if (sender.nl_family != AF_NETLINK || sender.nl_pid != 0) return std::unexpected("a netlink datagram not from the kernel");
    if (static_cast<std::size_t>(received) > buffer.size()) {
      return std::unexpected("a netlink datagram longer than " + std::to_string(kDatagramBytes) + " bytes");
    }
    if (received == 0) return std::unexpected("the kernel's netlink answer ended before the dump was complete");
    const std::span answer(buffer.data(), static_cast<std::size_t>(received));
    auto step = read_datagram(answer, query, sequence, sockets, max_sockets);
    if (!step) return std::unexpected(step.error());
    result.interrupted = result.interrupted || step->interrupted;
    if (step->done) {
      result.done = true;
      return result;
    }
  }
  return std::unexpected("the kernel's netlink answer did not end");
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

}  // namespace

std::expected<bool, std::string> read_diag_datagram(std::span<const unsigned char> datagram, const DiagQuery& query,
                                                    std::uint32_t sequence, std::vector<DiagSocket>& sockets,
                                                    std::size_t max_sockets) {
  const auto result = read_datagram(datagram, query, sequence, sockets, max_sockets);
  if (!result) return std::unexpected(result.error());
  if (result->interrupted) return std::unexpected("the kernel's dump was interrupted by a change to its tables");
  return result->done;
}

std::expected<std::vector<DiagSocket>, std::string> query_diag_sockets(const DiagQuery& query, std::size_t max_sockets) {
  for (int attempt = 1;; ++attempt) {
    std::vector<DiagSocket> sockets;
    const auto result = dump_once(query, static_cast<std::uint32_t>(attempt), sockets, max_sockets);
    if (!result) return std::unexpected(result.error());
    if (!result->interrupted) return sockets;
    if (attempt == kDumpAttempts) {
      return std::unexpected("the kernel's dump was interrupted by a change to its tables " + std::to_string(kDumpAttempts) +
                             " times");
    }
  }
}

std::string diag_unusable_reason(const HostRoot& live) {
  // The namespaces' own files (nsfs), read from the scanner's /proc (`live` is
  // "/"). Where PID 1's are hidden (a sandbox refusing ptrace access to it),
  // each namespace's /proc/<pid>/net/tcp is an entry of its own, with an inode
  // number of its own.
  struct stat own {};
  struct stat host {};
  const bool namespaces = ::stat("/proc/self/ns/net", &own) == 0 && ::stat("/proc/1/ns/net", &host) == 0;
  if (!namespaces && (::stat("/proc/self/net/tcp", &own) != 0 || ::stat("/proc/1/net/tcp", &host) != 0)) {
    return "the network namespaces of dockcis and PID 1 cannot be compared";
  }
  if (!same_file(own, host)) return "dockcis runs in a network namespace other than PID 1's";
  // A kernel without loadable modules (no /proc/modules) has built in all it has.
  const auto modules = live.lstat("/proc/modules");
  if (!modules && modules.error().kind == ProbeError::Kind::not_found) return "";
  std::vector<std::string> builtin;
  bool builtin_read = false;
  for (const std::string name : {"inet_diag", "tcp_diag", "udp_diag"}) {
    if (live.lstat("/sys/module/" + name)) continue;
    if (!builtin_read) {
      utsname system{};
      if (::uname(&system) == 0) {
        const auto list = "/lib/modules/" + std::string(system.release) + "/modules.builtin";
        if (const auto text = live.read_text(list)) builtin = util::split(*text, '\n');
      }
      builtin_read = true;
    }
    const auto file = "/" + name + ".ko";
    if (std::ranges::none_of(builtin, [&](const std::string& line) { return line.ends_with(file); })) {
      return "the kernel's " + name + " is neither loaded nor built in (asking would load it)";
    }
  }
  return "";
}

}  // namespace dockcis::collect
