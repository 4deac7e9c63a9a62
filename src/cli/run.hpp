// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace dockcis::cli {

/// Parses the command line, runs the subcommand and returns the exit code
/// (0 compliant, 1 findings, 2 usage or input-file error, 3 audit could not run).
int run(int argc, char** argv);

}  // namespace dockcis::cli
