// SPDX-License-Identifier: Apache-2.0
#include "cli/progress.hpp"

#include <unistd.h>

#include <iostream>

namespace dockcis::cli {

Progress::Progress() : enabled_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (shown_) std::cerr << "\r\033[K" << std::flush;
}

void Progress::show(std::string_view step) {
  if (!enabled_) return;
  std::cerr << "\r\033[Kdockcis: " << step << "..." << std::flush;
  shown_ = true;
}

}  // namespace dockcis::cli
