// SPDX-License-Identifier: Apache-2.0
#include "util/output_path.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dockcis::util {
namespace {

using Kind = OutputProblem::Kind;

std::unexpected<OutputProblem> problem(Kind kind, const std::filesystem::path& path, const std::string& what) {
  return std::unexpected(OutputProblem{kind, "cannot write " + path.string() + ": " + what});
}

// Effective ids, as the write will use them; faccessat also reports a
// read-only file system (EROFS) and an immutable directory (EPERM) for W_OK.
std::expected<void, OutputProblem> check_can_create_in(const std::filesystem::path& dir, const std::filesystem::path& target) {
  if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) == 0) return {};
  const int error = errno;
  const std::string where = error == EROFS ? "the file system of " + dir.string() + " is read-only"
                                           : std::string(std::strerror(error)) + " on directory " + dir.string();
  return problem(Kind::cannot_write, target, where);
}

std::expected<void, OutputProblem> check_directory(const std::filesystem::path& dir, const std::filesystem::path& target) {
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) return problem(Kind::unusable_path, target, "directory " + dir.string() + " does not exist");
    if (error == ENOTDIR) return problem(Kind::unusable_path, target, dir.string() + " is not a directory");
    return problem(Kind::cannot_write, target, std::string(std::strerror(error)) + " on " + dir.string());
  }
  if (!S_ISDIR(info.st_mode)) return problem(Kind::unusable_path, target, dir.string() + " is not a directory");
  return check_can_create_in(dir, target);
}

}  // namespace

std::expected<void, OutputProblem> check_output_file(const std::filesystem::path& file) {
  const auto name = file.filename().string();
  if (name.empty() || name == "." || name == "..") return problem(Kind::unusable_path, file, "not a file name");
  struct stat info {};
  if (::lstat(file.c_str(), &info) == 0) {
    if (S_ISLNK(info.st_mode)) {
      return problem(Kind::unusable_path, file, "it is a symbolic link (reports are never written through links)");
    }
    if (S_ISDIR(info.st_mode)) return problem(Kind::unusable_path, file, "it is a directory");
    if (!S_ISREG(info.st_mode)) return problem(Kind::unusable_path, file, "it is not a regular file");
  } else if (errno != ENOENT) {
    const int error = errno;
    if (error == ENOTDIR) return problem(Kind::unusable_path, file, "a parent is not a directory");
    return problem(Kind::cannot_write, file, std::strerror(error));
  }
  return check_directory(file.has_parent_path() ? file.parent_path() : std::filesystem::path("."), file);
}

std::expected<void, OutputProblem> check_output_dir(const std::filesystem::path& dir) {
  struct stat info {};
  if (::stat(dir.c_str(), &info) == 0) return check_directory(dir, dir);
  // Missing: it will be created, so its nearest existing ancestor must take new entries.
  auto ancestor = dir.lexically_normal();
  std::filesystem::path first_missing;
  while (ancestor.has_relative_path() && ::stat(ancestor.c_str(), &info) != 0) {
    if (errno == ENOTDIR) return problem(Kind::unusable_path, dir, "a parent is not a directory");
    if (errno != ENOENT) return problem(Kind::cannot_write, dir, std::strerror(errno));
    if (!ancestor.filename().empty()) first_missing = ancestor;
    const auto parent = ancestor.parent_path();
    if (parent == ancestor || parent.empty()) {
      ancestor = ".";
      break;
    }
    ancestor = parent;
  }
  if (auto usable = check_directory(ancestor, dir); !usable) return usable;
  // Some file systems (/proc, /sys) pass every permission test and still take
  // no directory: try, and take the trial directory away again.
  if (first_missing.empty()) return {};
  if (::mkdir(first_missing.c_str(), 0700) != 0) {
    return problem(Kind::cannot_write, dir, "cannot create " + first_missing.string() + ": " + std::strerror(errno));
  }
  ::rmdir(first_missing.c_str());
  return {};
}

}  // namespace dockcis::util
