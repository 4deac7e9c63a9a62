// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace dockcis::util {

/// A file replaced atomically and written piece by piece: a fresh temporary
/// file beside the destination (created with O_EXCL|O_NOFOLLOW, mode 0640
/// unless told), renamed over the destination by commit() after a sync, so
/// readers see the old file or the new one, never a part. Dropped without
/// commit(), the temporary file is removed. An existing file keeps the
/// narrower of its mode and `mode`; a symbolic link at the destination is an
/// error.
class AtomicFile {
 public:
  static std::expected<AtomicFile, std::string> create(const std::filesystem::path& destination, unsigned mode = 0640);

  /// Appends `text`. The first failure is kept for commit(), and later pieces are dropped.
  void write(std::string_view text);
  /// Syncs, closes and renames over the destination; the first write failure, if any.
  std::expected<void, std::string> commit();

 private:
  struct Pending;
  struct Abandon {
    void operator()(Pending* pending) const;
  };
  explicit AtomicFile(std::unique_ptr<Pending, Abandon> pending) : pending_(std::move(pending)) {}
  std::unique_ptr<Pending, Abandon> pending_;
};

/// Writes `content` to the destination through an AtomicFile.
std::expected<void, std::string> write_file_atomically(const std::filesystem::path& destination, std::string_view content,
                                                       unsigned mode = 0640);

/// For scheduled runs: creates `dir` when missing.
std::expected<void, std::string> make_output_dir(const std::filesystem::path& dir);

/// For scheduled runs: dockcis-<stamp>.<extension> in `dir`, written piece
/// by piece (a thousand containers' report is never held whole) through an
/// AtomicFile; commit() also points latest.<extension> at it (a symlink
/// replaced atomically).
class StampedFile {
 public:
  static std::expected<StampedFile, std::string> create(const std::filesystem::path& dir, const std::string& stamp,
                                                        const std::string& extension);

  void write(std::string_view text) { file_.write(text); }
  /// Commits the file, then replaces latest.<extension>.
  std::expected<void, std::string> commit();

 private:
  StampedFile(AtomicFile file, std::filesystem::path dir, std::string name, std::string extension)
      : file_(std::move(file)), dir_(std::move(dir)), name_(std::move(name)), extension_(std::move(extension)) {}
  AtomicFile file_;
  std::filesystem::path dir_;
  std::string name_;
  std::string extension_;
};


}  // namespace dockcis::util
