// SPDX-License-Identifier: Apache-2.0
#include "collect/host/host_root.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace dockcis::collect {
namespace {

ProbeError from_errno(int error) {
  if (error == ENOENT || error == ENOTDIR) return {ProbeError::Kind::not_found, std::strerror(error)};
  if (error == EACCES || error == EPERM) return {ProbeError::Kind::permission, std::strerror(error)};
  return {ProbeError::Kind::other, std::strerror(error)};
}

}  // namespace

HostRoot::HostRoot(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path HostRoot::resolve(std::string_view absolute) const {
  // Lexical normalisation first, so "/../../etc" stays below the root.
  const auto normal = (std::filesystem::path("/") / std::filesystem::path(absolute).relative_path()).lexically_normal();
  if (root_.empty() || root_ == "/") return normal;
  return root_ / normal.relative_path();
}

std::expected<std::string, ProbeError> HostRoot::read_text(std::string_view absolute) const {
  const auto path = resolve(absolute);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
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
  struct stat info {};
  if (::lstat(resolve(absolute).c_str(), &info) != 0) return std::unexpected(from_errno(errno));
  return info;
}

std::expected<struct stat, ProbeError> HostRoot::stat(std::string_view absolute) const {
  struct stat info {};
  if (::stat(resolve(absolute).c_str(), &info) != 0) return std::unexpected(from_errno(errno));
  return info;
}

std::expected<std::string, ProbeError> HostRoot::read_link(std::string_view absolute) const {
  std::error_code error;
  const auto target = std::filesystem::read_symlink(resolve(absolute), error);
  if (error) return std::unexpected(from_errno(error.value()));
  return target.string();
}

std::expected<std::vector<std::string>, ProbeError> HostRoot::list_dir(std::string_view absolute) const {
  const std::unique_ptr<DIR, decltype(&closedir)> dir(opendir(resolve(absolute).c_str()), &closedir);
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

}  // namespace dockcis::collect
