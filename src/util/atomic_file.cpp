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

constexpr int kAttempts = 8;

std::string random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string suffix;
  for (int i = 0; i < 12; ++i) suffix += kAlphabet[generator() % (sizeof kAlphabet - 1)];
  return suffix;
}

std::string failure(const std::string& action, const std::filesystem::path& path, int error) {
  return "cannot " + action + " " + path.string() + ": " + std::strerror(error);
}

// Closes `fd`, removes the temporary file and returns the message, keeping
// the errno of the step that failed.
std::unexpected<std::string> abandon(int fd, const std::filesystem::path& temporary, const std::string& action) {
  const int error = errno;
  if (fd >= 0) ::close(fd);
  ::unlink(temporary.c_str());
  return std::unexpected(failure(action, temporary, error));
}

bool plain_name(const std::string& name) { return !name.empty() && name.find('/') == std::string::npos && name != "." && name != ".."; }

// A report replacing an existing one keeps the narrower of the two modes: an
// administrator's chmod 600 is never widened back. A link at the destination
// is refused, so a planted link never redirects a report (nor is silently replaced).
std::expected<unsigned, std::string> mode_for(const std::filesystem::path& destination, unsigned mode) {
  struct stat existing {};
  if (::lstat(destination.c_str(), &existing) != 0) return mode;
  if (S_ISLNK(existing.st_mode)) {
    return std::unexpected("cannot write " + destination.string() + ": it is a symbolic link (reports are never written through links)");
  }
  if (S_ISREG(existing.st_mode)) return mode & static_cast<unsigned>(existing.st_mode) & 07777U;
  return mode;
}

}  // namespace

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& destination, std::string_view content,
                                                       unsigned mode) {
  const auto name = destination.filename().string();
  if (!plain_name(name)) return std::unexpected("cannot write " + destination.string() + ": not a file name");
  const auto dir = destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
  const auto final_mode = mode_for(destination, mode);
  if (!final_mode) return std::unexpected(final_mode.error());
  std::filesystem::path temporary;
  int fd = -1;
  for (int attempt = 0; attempt < kAttempts && fd < 0; ++attempt) {
    temporary = dir / ("." + name + ".tmp-" + random_suffix());
    // O_EXCL|O_NOFOLLOW: a file or link planted at the temporary name is never followed or reused.
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0 && errno != EEXIST) return std::unexpected(failure("create a file in", dir, errno));
  }
  if (fd < 0) return std::unexpected(failure("create a file in", dir, EEXIST));
  // The umask must neither loosen nor tighten the documented mode.
  if (::fchmod(fd, static_cast<mode_t>(*final_mode)) != 0) return abandon(fd, temporary, "set the mode of");
  std::size_t written = 0;
  while (written < content.size()) {
    const auto count = ::write(fd, content.data() + written, content.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      return abandon(fd, temporary, "write");
    }
    written += static_cast<std::size_t>(count);
  }
  if (::fsync(fd) != 0) return abandon(fd, temporary, "sync");
  if (::close(fd) != 0) return abandon(-1, temporary, "write");
  // rename() never follows a link, should one appear at the destination meanwhile.
  if (::rename(temporary.c_str(), destination.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return std::unexpected(failure("replace", destination, error));
  }
  return {};
}

std::expected<void, std::string> write_output_dir(const std::filesystem::path& dir, const std::string& stamp,
                                                  const std::vector<std::string>& extensions,
                                                  const std::function<std::string(const std::string&)>& content_of) {
  if (!plain_name("dockcis-" + stamp)) return std::unexpected("invalid report stamp '" + stamp + "'");
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return std::unexpected("cannot create " + dir.string() + ": " + error.message());
  for (const auto& extension : extensions) {
    if (!plain_name("latest." + extension)) return std::unexpected("invalid report extension '" + extension + "'");
    const std::string name = "dockcis-" + stamp + "." + extension;
    if (auto written = write_file_atomically(dir / name, content_of(extension)); !written) return written;
    // A link made at a fresh name and renamed over latest.<ext>: readers
    // never see the link missing or half-made.
    const auto link = dir / ("latest." + extension);
    std::filesystem::path temporary;
    bool made = false;
    for (int attempt = 0; attempt < kAttempts && !made; ++attempt) {
      temporary = dir / (".latest." + extension + ".tmp-" + random_suffix());
      made = ::symlink(name.c_str(), temporary.c_str()) == 0;
      if (!made && errno != EEXIST) break;
    }
    if (!made) return std::unexpected(failure("create a link in", dir, errno));
    if (::rename(temporary.c_str(), link.c_str()) != 0) {
      const int rename_error = errno;
      ::unlink(temporary.c_str());
      return std::unexpected(failure("replace", link, rename_error));
    }
  }
  return {};
}

}  // namespace dockcis::util
