// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/common_options.hpp"

namespace dockcis::cli {

/// `dockcis validate`: check the check and profile files.
Command add_validate_command(CLI::App& app);
/// `dockcis list`: a profile's recommendations, or the fact kinds and operators.
Command add_list_command(CLI::App& app);
/// `dockcis explain ID`: what a recommendation reads, how it decides, how to fix.
Command add_explain_command(CLI::App& app);

}  // namespace dockcis::cli
