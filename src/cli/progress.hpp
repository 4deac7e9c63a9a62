// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

namespace dockcis::cli {

/// A single status line on standard error, redrawn in place; silent unless
/// standard error is a terminal, so logs and pipes stay clean.
class Progress {
 public:
  Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();
  void show(std::string_view step);

 private:
  bool enabled_;
  bool shown_ = false;
};

}  // namespace dockcis::cli
