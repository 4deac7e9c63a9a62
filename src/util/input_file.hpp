// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <expected>
#include <string>

#include <nlohmann/json.hpp>

namespace dockcis::util {

/// The whole of a file the user named (checks, profiles, tailoring, waivers,
/// snapshots, reports), up to `max_bytes`; the error says what went wrong in words.
std::expected<std::string, std::string> read_input_file(const std::string& path, std::size_t max_bytes);

/// The same parsed as JSON; `what` names the file's role in errors ("waivers file").
std::expected<nlohmann::json, std::string> read_json_file(const std::string& path, const std::string& what,
                                                          std::size_t max_bytes);

}  // namespace dockcis::util
