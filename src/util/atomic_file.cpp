// SPDX-License-Identifier: Apache-2.0
#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

namespace dockcis::util {
namespace {

constexpr int kAttempts = 8;
// How much written data waits before its writeback is started.
constexpr off_t kWritebackStep = off_t{1} << 20;

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

struct AtomicFile::Pending {
  int fd = -1;
  std::filesystem::path temporary;
  std::filesystem::path destination;
  std::string error;  ///< the first failed write's message
  off_t written = 0;  ///< bytes written so far
  off_t written_back = 0;  ///< bytes whose writeback was started
};

void AtomicFile::Abandon::operator()(Pending* pending) const {
  if (pending->fd >= 0) ::close(pending->fd);
  if (!pending->temporary.empty()) ::unlink(pending->temporary.c_str());
  delete pending;
}

std::expected<AtomicFile, std::string> AtomicFile::create(const std::filesystem::path& destination, unsigned mode) {
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
  std::unique_ptr<Pending, Abandon> pending(new Pending{fd, temporary, destination, {}});
  // The umask must neither loosen nor tighten the documented mode.
  if (::fchmod(fd, static_cast<mode_t>(*final_mode)) != 0) return std::unexpected(failure("set the mode of", temporary, errno));
  return AtomicFile(std::move(pending));
}

void AtomicFile::write(std::string_view text) {
  if (!pending_ || !pending_->error.empty()) return;
  std::size_t written = 0;
  while (written < text.size()) {
    const auto count = ::write(pending_->fd, text.data() + written, text.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      pending_->error = failure("write", pending_->temporary, errno);
      return;
    }
    written += static_cast<std::size_t>(count);
  }
  // The disk takes a large report's pages while the rest is rendered, and
  // commit()'s sync waits only for the last of them (at a thousand
  // containers the XCCDF is 12 MB: its sync took 14 to 16 ms after the
  // rendering). Only a start: nothing here waits for the disk, and a
  // failure leaves the data to the sync as before.
  pending_->written += static_cast<off_t>(text.size());
  if (pending_->written - pending_->written_back >= kWritebackStep) {
    ::sync_file_range(pending_->fd, pending_->written_back, pending_->written - pending_->written_back, SYNC_FILE_RANGE_WRITE);
    pending_->written_back = pending_->written;
  }
}

std::expected<void, std::string> AtomicFile::commit() {
  if (!pending_) return std::unexpected(std::string("cannot write: the file was already committed"));
  // Whatever happens below, the temporary file goes with pending_ unless renamed.
  const auto owned = std::move(pending_);
  if (!owned->error.empty()) return std::unexpected(owned->error);
  if (::fsync(owned->fd) != 0) return std::unexpected(failure("sync", owned->temporary, errno));
  const int fd = std::exchange(owned->fd, -1);
  if (::close(fd) != 0) return std::unexpected(failure("write", owned->temporary, errno));
  // rename() never follows a link, should one appear at the destination meanwhile.
  if (::rename(owned->temporary.c_str(), owned->destination.c_str()) != 0) {
    return std::unexpected(failure("replace", owned->destination, errno));
  }
  owned->temporary.clear();
  return {};
}

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& destination, std::string_view content,
                                                       unsigned mode) {
  auto file = AtomicFile::create(destination, mode);
  if (!file) return std::unexpected(file.error());
  file->write(content);
  return file->commit();
}

std::expected<void, std::string> make_output_dir(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return std::unexpected("cannot create " + dir.string() + ": " + error.message());
  return {};
}

std::expected<StampedFile, std::string> StampedFile::create(const std::filesystem::path& dir, const std::string& stamp,
                                                          const std::string& extension) {
  if (!plain_name("dockcis-" + stamp)) return std::unexpected("invalid report stamp '" + stamp + "'");
  if (!plain_name("latest." + extension)) return std::unexpected("invalid report extension '" + extension + "'");
  std::string name = "dockcis-" + stamp + "." + extension;
  auto file = AtomicFile::create(dir / name);
  if (!file) return std::unexpected(file.error());
  return StampedFile(std::move(*file), dir, std::move(name), extension);
}

std::expected<void, std::string> StampedFile::commit() {
  if (auto written = file_.commit(); !written) return written;
  // A link made at a fresh name and renamed over latest.<ext>: readers
  // never see the link missing or half-made.
  const auto link = dir_ / ("latest." + extension_);
  std::filesystem::path temporary;
  bool made = false;
  for (int attempt = 0; attempt < kAttempts && !made; ++attempt) {
    temporary = dir_ / (".latest." + extension_ + ".tmp-" + random_suffix());
    made = ::symlink(name_.c_str(), temporary.c_str()) == 0;
    if (!made && errno != EEXIST) break;
  }
  if (!made) return std::unexpected(failure("create a link in", dir_, errno));
  if (::rename(temporary.c_str(), link.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temporary.c_str());
    return std::unexpected(failure("replace", link, rename_error));
  }
  return {};
}

}  // namespace dockcis::util
