// SPDX-License-Identifier: Apache-2.0
#include "collect/host/host_root.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace dockcis::collect {
namespace {

ProbeError from_errno(int error) {
  if (error == ENOENT || error == ENOTDIR) return {ProbeError::Kind::not_found, std::strerror(error)};
  if (error == EACCES || error == EPERM) return {ProbeError::Kind::permission, std::strerror(error)};
  return {ProbeError::Kind::other, std::strerror(error)};
}

struct DirCloser {
  void operator()(DIR* dir) const { closedir(dir); }
};

const char* file_type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Linux gives up after 40 links (ELOOP); so does the walk below.
constexpr int kMaxLinks = 40;

// The parts of a path between its slashes, empty ones dropped, added in
// reverse so that the next one to walk is the last.
void push_parts_reversed(std::string_view path, std::vector<std::string>& pending) {
  std::size_t end = path.size();
  while (end > 0) {
    const auto slash = path.rfind('/', end - 1);
    const auto begin = slash == std::string_view::npos ? 0 : slash + 1;
    if (end > begin) pending.emplace_back(path.substr(begin, end - begin));
    if (slash == std::string_view::npos) break;
    end = slash;
  }
}

// `path` (absolute, normal) and one more part, lexically: "." adds nothing,
// ".." goes up, never above "/".
void append_part(std::string& path, std::string_view part) {
  if (part == ".") return;
  if (part == "..") {
    const auto slash = path.rfind('/');
    path.resize(slash == 0 || slash == std::string::npos ? 1 : slash);
    return;
  }
  if (path.size() > 1) path += '/';
  path += part;
}

}  // namespace

HostRoot::HostRoot(std::filesystem::path root) : root_(std::move(root)), prefix_(root_.string()) {
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
}

std::filesystem::path HostRoot::resolve(std::string_view absolute) const {
  // Lexical normalisation first, so "/../../etc" stays below the root.
  const auto normal = (std::filesystem::path("/") / std::filesystem::path(absolute).relative_path()).lexically_normal();
  if (root_.empty() || root_ == "/") return normal;
  return root_ / normal.relative_path();
}

// Strings, not std::filesystem::path: a walk runs for every host file an
// audit reads, and the paths' parsing cost more than the system calls.
std::expected<std::string, ProbeError> HostRoot::walk(std::string_view absolute, bool follow_last,
                                                      std::vector<uid_t>& link_owners) const {
  std::vector<std::string> pending;  // the parts still to walk, the next one last
  push_parts_reversed(absolute, pending);
  std::string current = "/";
  std::string on_host;
  int links = 0;
  while (!pending.empty()) {
    const auto part = std::move(pending.back());
    pending.pop_back();
    if (part == "." || part == "..") {
      append_part(current, part);
      continue;
    }
    auto candidate = current;
    append_part(candidate, part);
    on_host.assign(prefix_).append(candidate);
    struct stat info {};
    if (::lstat(on_host.c_str(), &info) != 0) {
      // Nothing further to follow: the caller's own read reports the error.
      for (auto rest = pending.rbegin(); rest != pending.rend(); ++rest) append_part(candidate, *rest);
      return candidate;
    }
    if (!S_ISLNK(info.st_mode) || (pending.empty() && !follow_last)) {
      current = std::move(candidate);
      continue;
    }
    if (++links > kMaxLinks) return std::unexpected(from_errno(ELOOP));
    if (info.st_uid != 0) link_owners.push_back(info.st_uid);
    char target[PATH_MAX];
    const auto length = ::readlink(on_host.c_str(), target, sizeof target);
    if (length < 0) return std::unexpected(from_errno(errno));
    if (static_cast<std::size_t>(length) == sizeof target) return std::unexpected(from_errno(ENAMETOOLONG));
    const std::string_view text(target, static_cast<std::size_t>(length));
    if (text.starts_with('/')) current = "/";
    push_parts_reversed(text, pending);
  }
  return current;
}

std::expected<std::string, ProbeError> HostRoot::real_path(std::string_view absolute, bool follow_last) const {
  std::vector<uid_t> owners;
  return walk(absolute, follow_last, owners);
}

std::expected<std::string, ProbeError> HostRoot::inside(std::string_view absolute, bool follow_last) const {
  std::vector<uid_t> owners;
  const auto real = walk(absolute, follow_last, owners);
  if (!real) return std::unexpected(real.error());
  const auto path = prefix_ + *real;
  if (owners.empty()) return path;
  // What a user's link leads to must be that user's own.
  struct stat target {};
  if (::lstat(path.c_str(), &target) != 0) return path;
  for (const auto owner : owners) {
    if (target.st_uid != owner) {
      return std::unexpected(ProbeError{ProbeError::Kind::refused,
                                        "reached through a symbolic link of uid " + std::to_string(owner) +
                                            " but owned by uid " + std::to_string(target.st_uid) +
                                            "; dockcis follows a user's links only to what that user owns"});
    }
  }
  return path;
}

std::expected<std::string, ProbeError> HostRoot::read_text(std::string_view absolute, std::size_t max_bytes) const {
  const auto path = inside(absolute, true);
  if (!path) return std::unexpected(path.error());
  // O_NONBLOCK: a FIFO put where a file should be must not hang the audit.
  const int fd = ::open(path->c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY);
  if (fd < 0) return std::unexpected(from_errno(errno));
  const std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* held) { ::close(*held), delete held; });
  struct stat info {};
  if (::fstat(fd, &info) != 0) return std::unexpected(from_errno(errno));
  if (!S_ISREG(info.st_mode)) {
    return std::unexpected(ProbeError{ProbeError::Kind::refused, std::string("is ") + file_type_name(info.st_mode) + ", not a regular file"});
  }
  std::string text;
  char buffer[65536];
  while (true) {
    const auto count = ::read(fd, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) return std::unexpected(from_errno(errno));
    if (count == 0) break;
    if (text.size() + static_cast<std::size_t>(count) > max_bytes) {
      return std::unexpected(ProbeError{ProbeError::Kind::too_large,
                                        "larger than " + std::to_string(max_bytes / 1024) + " KiB, dockcis' limit for this file"});
    }
    text.append(buffer, static_cast<std::size_t>(count));
  }
  return text;
}

std::expected<struct stat, ProbeError> HostRoot::lstat(std::string_view absolute) const {
  const auto path = inside(absolute, false);
  if (!path) return std::unexpected(path.error());
  struct stat info {};
  if (::lstat(path->c_str(), &info) != 0) return std::unexpected(from_errno(errno));
  return info;
}

std::expected<struct stat, ProbeError> HostRoot::stat(std::string_view absolute) const {
  const auto path = inside(absolute, true);
  if (!path) return std::unexpected(path.error());
  struct stat info {};
  if (::stat(path->c_str(), &info) != 0) return std::unexpected(from_errno(errno));
  return info;
}

std::expected<std::string, ProbeError> HostRoot::read_link(std::string_view absolute) const {
  const auto path = inside(absolute, false);
  if (!path) return std::unexpected(path.error());
  std::error_code error;
  const auto target = std::filesystem::read_symlink(*path, error);
  if (error) return std::unexpected(from_errno(error.value()));
  return target.string();
}

std::expected<std::vector<std::pair<std::string, std::string>>, ProbeError> HostRoot::read_links(std::string_view absolute,
                                                                                                   std::size_t max_links) const {
  const auto path = inside(absolute, true);
  if (!path) return std::unexpected(path.error());
  const std::unique_ptr<DIR, DirCloser> dir(opendir(path->c_str()));
  if (!dir) return std::unexpected(from_errno(errno));
  std::vector<std::pair<std::string, std::string>> links;
  while (links.size() < max_links) {
    const auto* entry = readdir(dir.get());
    if (entry == nullptr) break;
    if (entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN) continue;
    char target[PATH_MAX];
    const auto length = ::readlinkat(dirfd(dir.get()), entry->d_name, target, sizeof target);
    // Gone since it was listed, or not a link after all: nothing to report.
    if (length < 0 || static_cast<std::size_t>(length) >= sizeof target) continue;
    links.emplace_back(entry->d_name, std::string(target, static_cast<std::size_t>(length)));
  }
  std::ranges::sort(links);
  return links;
}

std::expected<std::vector<std::string>, ProbeError> HostRoot::list_dir(std::string_view absolute, std::size_t max_entries) const {
  const auto path = inside(absolute, true);
  if (!path) return std::unexpected(path.error());
  const std::unique_ptr<DIR, DirCloser> dir(opendir(path->c_str()));
  if (!dir) return std::unexpected(from_errno(errno));
  std::vector<std::string> names;
  while (const auto* entry = readdir(dir.get())) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (names.size() == max_entries) {
      return std::unexpected(ProbeError{ProbeError::Kind::too_large,
                                        "more than " + std::to_string(max_entries) + " entries, dockcis' limit for this directory"});
    }
    names.emplace_back(name);
  }
  std::ranges::sort(names);
  return names;
}

std::string describe(const ProbeError& error, std::string_view action, std::string_view path) {
  std::string text = std::string(action) + " " + std::string(path) + ": " + error.detail;
  if (error.kind == ProbeError::Kind::permission) text += " (run as root)";
  return text;
}

model::Unavailable unavailable(const ProbeError& error, std::string_view action, std::string_view path) {
  auto kind = model::ErrorKind::other;
  switch (error.kind) {
    case ProbeError::Kind::permission: kind = model::ErrorKind::permission_denied; break;
    case ProbeError::Kind::not_found: kind = model::ErrorKind::not_found; break;
    case ProbeError::Kind::refused: kind = model::ErrorKind::refused; break;
    case ProbeError::Kind::too_large: kind = model::ErrorKind::too_large; break;
    case ProbeError::Kind::other: break;
  }
  return {describe(error, action, path), kind};
}

}  // namespace dockcis::collect
