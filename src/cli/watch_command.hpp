// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/common_options.hpp"

namespace dockcis::cli {

/// `dockcis watch`: judge each container the moment it changes (docs/watch.md).
Command add_watch_command(CLI::App& app);

}  // namespace dockcis::cli
