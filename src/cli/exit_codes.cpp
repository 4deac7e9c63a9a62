// SPDX-License-Identifier: Apache-2.0
#include "cli/exit_codes.hpp"

#include <iostream>

namespace dockcis::cli {

int fail_with(const Failure& failure) {
  std::cerr << "dockcis: " << failure.message << "\n";
  return failure.code;
}

}  // namespace dockcis::cli
