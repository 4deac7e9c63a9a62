// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <filesystem>
#include <string>

namespace dockcis::util {

/// Why an output cannot be written: the user named something that cannot be a
/// report (a directory, a link, a missing parent), or the host refuses the
/// write (permission, read-only file system).
struct OutputProblem {
  enum class Kind { unusable_path, cannot_write } kind = Kind::cannot_write;
  std::string message;
};

/// Checks, without writing anything, that a report can be written at `file`:
/// its parent is an existing directory this process may create files in, and
/// the path is absent or a regular file that is not a symbolic link.
std::expected<void, OutputProblem> check_output_file(const std::filesystem::path& file);

/// Checks that reports can be written in `dir`: an existing directory this
/// process may create files in, or a missing one that can be created (tried
/// with its first missing component, removed again at once).
std::expected<void, OutputProblem> check_output_dir(const std::filesystem::path& dir);

}  // namespace dockcis::util
