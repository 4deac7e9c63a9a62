// SPDX-License-Identifier: Apache-2.0
#include <exception>
#include <string>

#include "cli/exit_codes.hpp"
#include "cli/run.hpp"

// The outermost barrier: `audit` writes a failed-run report itself; anything
// escaping any command still ends with one message and exit 3, never with
// std::terminate.
int main(int argc, char** argv) {
  try {
    return dockcis::cli::run(argc, argv);
  } catch (const std::exception& error) {
    return dockcis::cli::fail_with({dockcis::cli::kCannotRun, std::string("internal error: ") + error.what()});
  } catch (...) {
    return dockcis::cli::fail_with({dockcis::cli::kCannotRun, "internal error: an exception of unknown type"});
  }
}
