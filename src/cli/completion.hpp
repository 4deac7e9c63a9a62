// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "cli/common_options.hpp"
#include "engine/loader.hpp"

namespace dockcis::cli {

/// A bash completion script for `dockcis`, built from the parsed command line's
/// own tables (commands, options, which take a value) and from the catalogue
/// (profile names, CIS ids, sections, check keys, parameters), so it cannot
/// drift from the binary it came from.
std::string bash_completion(const CLI::App& app, const engine::Catalogue& catalogue);

/// `dockcis completion bash`: prints the script.
Command add_completion_command(CLI::App& app);

}  // namespace dockcis::cli
