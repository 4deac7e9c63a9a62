// SPDX-License-Identifier: Apache-2.0
#include "collect/host/host_root.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>

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

// Linux gives up after 40 links (ELOOP); so does the walk below.
constexpr int kMaxLinks = 40;

std::deque<std::string> components(const std::filesystem::path& path) {
  std::deque<std::string> parts;
  for (const auto& part : path.relative_path()) {
    if (!part.empty()) parts.push_back(part.string());
  }
  return parts;
}

}  // namespace

HostRoot::HostRoot(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path HostRoot::resolve(std::string_view absolute) const {
  // Lexical normalisation first, so "/../../etc" stays below the root.
  const auto normal = (std::filesystem::path("/") / std::filesystem::path(absolute).relative_path()).lexically_normal();
  if (root_.empty() || root_ == "/") return normal;
  return root_ / normal.relative_path();
}

std::expected<std::string, ProbeError> HostRoot::real_path(std::string_view absolute, bool follow_last) const {
  auto pending = components(std::filesystem::path("/") / std::filesystem::path(absolute).relative_path());
  std::filesystem::path current = "/";
  int links = 0;
  while (!pending.empty()) {
    const auto part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      current = current.parent_path();
      continue;
    }
    const auto candidate = current / part;
    struct stat info {};
    if (::lstat(resolve(candidate.string()).c_str(), &info) != 0) {
      // Nothing further to follow: the caller's own read reports the error.
      auto rest = candidate;
      for (const auto& more : pending) rest /= more;
      return rest.lexically_normal().string();
    }
    if (!S_ISLNK(info.st_mode) || (pending.empty() && !follow_last)) {
      current = candidate;
      continue;
    }
    if (++links > kMaxLinks) return std::unexpected(from_errno(ELOOP));
    std::error_code error;
    const auto target = std::filesystem::read_symlink(resolve(candidate.string()), error);
    if (error) return std::unexpected(from_errno(error.value()));
    if (target.is_absolute()) current = "/";
    const auto parts = components(target);
    pending.insert(pending.begin(), parts.begin(), parts.end());
  }
  return current.string();
}

std::expected<std::filesystem::path, ProbeError> HostRoot::inside(std::string_view absolute, bool follow_last) const {
  // On the real root the kernel's own resolution is the same walk.
  if (is_system_root()) return resolve(absolute);
  const auto real = real_path(absolute, follow_last);
  if (!real) return std::unexpected(real.error());
  return resolve(*real);
}

std::expected<std::string, ProbeError> HostRoot::read_text(std::string_view absolute) const {
  const auto path = inside(absolute, true);
  if (!path) return std::unexpected(path.error());
  const int fd = ::open(path->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(from_errno(errno));
  std::string text;
  char buffer[8192];
  while (true) {
    const auto count = ::read(fd, buffer, sizeof buffer);
    if (count < 0) {
      const int error = errno;
      ::close(fd);
      return std::unexpected(from_errno(error));
    }
    if (count == 0) break;
    text.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(fd);
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

std::expected<std::vector<std::string>, ProbeError> HostRoot::list_dir(std::string_view absolute) const {
  const auto path = inside(absolute, true);
  if (!path) return std::unexpected(path.error());
  const std::unique_ptr<DIR, DirCloser> dir(opendir(path->c_str()));
  if (!dir) return std::unexpected(from_errno(errno));
  std::vector<std::string> names;
  while (const auto* entry = readdir(dir.get())) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
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
  const auto kind = error.kind == ProbeError::Kind::permission ? model::ErrorKind::permission_denied
                    : error.kind == ProbeError::Kind::not_found ? model::ErrorKind::not_found
                                                                 : model::ErrorKind::other;
  return {describe(error, action, path), kind};
}

}  // namespace dockcis::collect
