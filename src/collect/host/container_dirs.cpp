// SPDX-License-Identifier: Apache-2.0
#include "collect/host/container_dirs.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace dockcis::collect {

bool full_container_id(std::string_view text) {
  return text.size() == 64 && std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<std::vector<std::string>> container_dirs(const HostRoot& root, std::string_view data_root, std::size_t max_entries) {
  if (!data_root.starts_with('/')) return std::nullopt;
  const auto directory = std::string(data_root) + "/containers";
  // The engine names the data root: only a directory that can be dockerd's
  // is read, so an engine cannot have any directory's names sent back to it.
  const auto info = root.stat(directory);
  if (!info || !S_ISDIR(info->st_mode) || (info->st_uid != 0 && info->st_uid != ::geteuid()) ||
      (info->st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return std::nullopt;
  }
  auto names = root.list_dir(directory, max_entries);
  if (!names) return std::nullopt;
  // Only such names are ever put into a request path.
  std::erase_if(*names, [](const std::string& name) { return !full_container_id(name); });
  return std::move(*names);
}

}  // namespace dockcis::collect
