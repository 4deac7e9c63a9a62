// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dockcis::util {

/// Writes `content` to a fresh temporary file beside `destination` (created
/// with O_EXCL|O_NOFOLLOW, mode 0640 unless told), syncs it and renames it
/// over the destination, so readers see the old file or the new one, never a part.
/// An existing file keeps the narrower of its mode and `mode`; a symbolic link
/// at the destination is an error.
std::expected<void, std::string> write_file_atomically(const std::filesystem::path& destination, std::string_view content,
                                                       unsigned mode = 0640);

/// For scheduled runs: writes dockcis-<stamp>.<ext> for each extension into
/// `dir`, its content made by `content_of(ext)` just before it is written (a
/// thousand containers' reports are not all held at once), and points
/// latest.<ext> at it (a symlink replaced atomically).
std::expected<void, std::string> write_output_dir(const std::filesystem::path& dir, const std::string& stamp,
                                                  const std::vector<std::string>& extensions,
                                                  const std::function<std::string(const std::string&)>& content_of);

}  // namespace dockcis::util
