// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/common_options.hpp"

namespace dockcis::cli {

/// `dockcis diff OLD NEW`: what newly fails, what was fixed, score change.
Command add_diff_command(CLI::App& app);

}  // namespace dockcis::cli
