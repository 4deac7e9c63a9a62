// SPDX-License-Identifier: Apache-2.0
#include "util/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/json_parse.hpp"

namespace dockcis::util {

std::expected<std::string, std::string> read_input_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: a FIFO named by mistake must not hang the open.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::unexpected("cannot read " + path + ": " + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::unexpected("cannot read " + path + ": not a regular file");
  }
  std::string text;
  char buffer[65536];
  while (true) {
    const auto count = ::read(fd, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      const int error = errno;
      ::close(fd);
      return std::unexpected("cannot read " + path + ": " + std::strerror(error));
    }
    if (count == 0) break;
    if (text.size() + static_cast<std::size_t>(count) > max_bytes) {
      ::close(fd);
      return std::unexpected("cannot read " + path + ": larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB");
    }
    text.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(fd);
  return text;
}

std::expected<nlohmann::json, std::string> read_json_file(const std::string& path, const std::string& what,
                                                          std::size_t max_bytes) {
  auto text = read_input_file(path, max_bytes);
  if (!text) return std::unexpected("cannot read " + what + " " + path + text.error().substr(text.error().find(':')));
  auto document = parse_json(*text);
  if (!document) return std::unexpected(what + " " + path + " is not valid JSON: " + document.error().message);
  return std::move(*document);
}

}  // namespace dockcis::util
