// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/common_options.hpp"

namespace dockcis::cli {

/// `dockcis audit`: collect (or read a snapshot), evaluate, report, gate.
Command add_audit_command(CLI::App& app);
/// `dockcis facts`: collect and write a snapshot.
Command add_facts_command(CLI::App& app);

}  // namespace dockcis::cli
