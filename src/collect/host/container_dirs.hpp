// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/host/host_root.hpp"

namespace dockcis::collect {

/// Whether `text` is a full container id: 64 lower-case hex digits.
bool full_container_id(std::string_view text);

/// The ids of the containers dockerd keeps directories for under
/// `data_root`/containers (its DockerRootDir): names of 64 lower-case hex
/// digits, sorted; other names are left out. nullopt when the directory
/// cannot be listed, holds more than `max_entries` entries, or cannot be
/// dockerd's: owned by neither root nor the user dockcis runs as (a rootless
/// engine's), or writable by its group or others.
std::optional<std::vector<std::string>> container_dirs(const HostRoot& root, std::string_view data_root, std::size_t max_entries);

}  // namespace dockcis::collect
