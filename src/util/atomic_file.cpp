// SPDX-License-Identifier: Apache-2.0
#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace dockcis::util {
namespace {

std::string random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string suffix;
  for (int i = 0; i < 12; ++i) suffix += kAlphabet[generator() % (sizeof kAlphabet - 1)];
  return suffix;
}

std::string failure(const std::string& action, const std::filesystem::path& path) {
  return "cannot " + action + " " + path.string() + ": " + std::strerror(errno);
}

}  // namespace

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& destination, std::string_view content) {
  const auto dir = destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
  std::filesystem::path temporary;
  int fd = -1;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    temporary = dir / ("." + destination.filename().string() + ".tmp-" + random_suffix());
    // O_EXCL|O_NOFOLLOW: a file or link planted at the temporary name is never followed or reused.
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0 && errno != EEXIST) return std::unexpected(failure("create", temporary));
  }
  if (fd < 0) return std::unexpected(failure("create", temporary));
  // The umask must not loosen or tighten the documented mode.
  ::fchmod(fd, 0640);
  std::size_t written = 0;
  while (written < content.size()) {
    const auto count = ::write(fd, content.data() + written, content.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      const auto message = failure("write", temporary);
      ::close(fd);
      ::unlink(temporary.c_str());
      return std::unexpected(message);
    }
    written += static_cast<std::size_t>(count);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const auto message = failure("write", temporary);
    ::unlink(temporary.c_str());
    return std::unexpected(message);
  }
  if (::rename(temporary.c_str(), destination.c_str()) != 0) {
    const auto message = failure("rename onto", destination);
    ::unlink(temporary.c_str());
    return std::unexpected(message);
  }
  return {};
}

std::expected<void, std::string> write_output_dir(const std::filesystem::path& dir, const std::string& stamp,
                                                  const std::map<std::string, std::string>& files) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return std::unexpected("cannot create " + dir.string() + ": " + error.message());
  for (const auto& [extension, content] : files) {
    const std::string name = "dockcis-" + stamp + "." + extension;
    if (auto written = write_file_atomically(dir / name, content); !written) return written;
    const auto link = dir / ("latest." + extension);
    const auto temporary = dir / (".latest." + extension + ".tmp-" + random_suffix());
    if (::symlink(name.c_str(), temporary.c_str()) != 0) return std::unexpected(failure("create link", temporary));
    if (::rename(temporary.c_str(), link.c_str()) != 0) {
      const auto message = failure("replace", link);
      ::unlink(temporary.c_str());
      return std::unexpected(message);
    }
  }
  return {};
}

}  // namespace dockcis::util
