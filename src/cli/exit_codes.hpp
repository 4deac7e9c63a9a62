// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace dockcis::cli {

/// Exit codes, as the design fixes them.
enum ExitCode : int { kCompliant = 0, kFindings = 1, kUsageError = 2, kCannotRun = 3 };

/// A failure with the exit code it maps to.
struct Failure {
  ExitCode code;
  std::string message;
};

/// Prints "dockcis: <message>" on standard error and returns its exit code.
int fail_with(const Failure& failure);

}  // namespace dockcis::cli
