// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <sys/stat.h>

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/unavailable.hpp"

namespace dockcis::collect {

/// Why a host read failed. not_found is kept apart: a missing file is a
/// fact about the host, an unreadable one is not.
struct ProbeError {
  enum class Kind { not_found, permission, refused, too_large, other };
  Kind kind = Kind::other;
  std::string detail;
};

/// The audited host's filesystem: every absolute path is read under --root
/// (default "/"), so dockcis can run in a container with the host at /host.
///
/// Reading is safe on a host others shape: symlinks are resolved inside the
/// root; a link owned by an ordinary user is followed only to what that user
/// owns (a user's ~/.config/docker/daemon.json linked to a root-only file is
/// refused, root's own links are followed); only regular files are read,
/// opened without blocking (a FIFO is refused, not waited on) and up to a size
/// limit.
class HostRoot {
 public:
  explicit HostRoot(std::filesystem::path root = "/");

  /// `absolute` joined under the root; ".." cannot climb above it. Lexical only:
  /// symlinks are not followed (see real_path).
  [[nodiscard]] std::filesystem::path resolve(std::string_view absolute) const;
  /// The host path `absolute` names once every symlink is followed inside the
  /// root: an absolute link target is taken from the root, never from the
  /// scanner's own filesystem. `follow_last` false keeps a final symlink (lstat).
  /// A missing component ends the walk; the rest is appended as written.
  [[nodiscard]] std::expected<std::string, ProbeError> real_path(std::string_view absolute, bool follow_last = true) const;
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

  /// A regular file's contents, at most `max_bytes` (larger is a too_large error).
  [[nodiscard]] std::expected<std::string, ProbeError> read_text(std::string_view absolute,
                                                                 std::size_t max_bytes = kDefaultMaxRead) const;
  static constexpr std::size_t kDefaultMaxRead = 4 * 1024 * 1024;
  [[nodiscard]] std::expected<struct stat, ProbeError> lstat(std::string_view absolute) const;
  [[nodiscard]] std::expected<struct stat, ProbeError> stat(std::string_view absolute) const;
  [[nodiscard]] std::expected<std::string, ProbeError> read_link(std::string_view absolute) const;
  /// The symbolic links directly in a directory, by name, with what each
  /// contains (none is followed), the first `max_links` read: /proc/<pid>/fd
  /// in one pass, not a walk per link.
  [[nodiscard]] std::expected<std::vector<std::pair<std::string, std::string>>, ProbeError> read_links(std::string_view absolute,
                                                                                                     std::size_t max_links) const;
  /// Entry names of a directory, sorted; more than `max_entries` is a too_large error.
  [[nodiscard]] std::expected<std::vector<std::string>, ProbeError> list_dir(std::string_view absolute,
                                                                            std::size_t max_entries = kDefaultMaxEntries) const;
  /// Far above any directory dockcis lists on a real host (/proc of a busy one: tens of thousands).
  static constexpr std::size_t kDefaultMaxEntries = 1'000'000;

 private:
  /// The path under the root to hand to the kernel, symlinks already followed
  /// inside the root (the kernel would follow absolute ones out of it).
  [[nodiscard]] std::expected<std::string, ProbeError> inside(std::string_view absolute, bool follow_last) const;
  /// real_path, and the uid of every non-root symlink the walk followed.
  [[nodiscard]] std::expected<std::string, ProbeError> walk(std::string_view absolute, bool follow_last,
                                                            std::vector<uid_t>& link_owners) const;

  std::filesystem::path root_;
  std::string prefix_;  ///< root_ without trailing slashes ("" for "/"), put before a normal absolute path
};

/// "permission denied reading /etc/x (run as root)" and the like.
std::string describe(const ProbeError& error, std::string_view action, std::string_view path);
/// The same as an unavailable fact, with its kind.
model::Unavailable unavailable(const ProbeError& error, std::string_view action, std::string_view path);

}  // namespace dockcis::collect
