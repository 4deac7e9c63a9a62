// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <optional>

#include <CLI/CLI.hpp>

namespace dockcis::cli {

/// Registers `fleet ingest` and `fleet report` on `app`. After parsing, the
/// returned function runs the one chosen and gives its exit code, or nullopt
/// when the command line chose another subcommand.
std::function<std::optional<int>()> add_fleet_commands(CLI::App& app);

}  // namespace dockcis::cli
