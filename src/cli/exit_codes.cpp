// SPDX-License-Identifier: Apache-2.0
#include "cli/exit_codes.hpp"

#include <iostream>

#include "report/clean_text.hpp"

namespace dockcis::cli {

int fail_with(const Failure& failure) {
  // Messages quote host text (paths, daemon answers): never raw to a terminal.
  std::cerr << "dockcis: " << report::clean_text(failure.message, true) << "\n";
  return failure.code;
}

}  // namespace dockcis::cli
