// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/host/host_root.hpp"

// Readers of the host's /proc shared by the process collectors.
namespace dockcis::collect {

bool all_digits(std::string_view text);
/// The numbered entries of <root>/proc, in order; empty when /proc cannot be listed.
std::vector<long> list_pids(const HostRoot& root);
/// The value of a "Name:\tvalue" line of /proc/<pid>/status, trimmed; "" when absent.
std::string status_field(std::string_view status, std::string_view name);
/// The real uid of a /proc/<pid>/status text (first field of "Uid:").
std::optional<long> status_uid(std::string_view status);
/// NUL-separated words (/proc/<pid>/cmdline, environ); no empty trailing word.
std::vector<std::string> split_nul(std::string_view text);

}  // namespace dockcis::collect
