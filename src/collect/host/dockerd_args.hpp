// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockcis::collect {

/// dockerd's flags as given: canonical long name ("--icc") -> values in order.
/// Boolean flags never take the next word ("--icc" alone is true; only
/// "--icc=false" turns it off); list flags may repeat.
using DockerdFlags = std::map<std::string, std::vector<std::string>>;

/// argv[0] is the program. Shorthands: -H -D -l -G -s -b -p -g, value attached or not.
DockerdFlags parse_dockerd_args(const std::vector<std::string>& argv);

/// The flags as daemon.json options, keyed and typed as daemon.json would
/// hold them: "--insecure-registry" -> "insecure-registries": [...],
/// "--default-ulimit"/"--log-opt"/"--add-runtime" -> objects, "--mtu" -> number.
nlohmann::json flags_to_options(const DockerdFlags& flags);

/// Words of a shell-style assignment value such as DOCKER_OPTS="--icc=false -H fd://".
std::vector<std::string> shell_words(std::string_view text);

/// VAR=value pairs of an environment file (/etc/default/docker, /etc/sysconfig/docker).
std::map<std::string, std::string> parse_environment_file(std::string_view text);

}  // namespace dockcis::collect
