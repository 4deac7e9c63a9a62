// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>

#include "fleet/stored_run.hpp"

namespace dockcis::fleet {

/// A report file read, digested and validated, ready to be stored.
struct ReadReport {
  std::string name;                             ///< the file, or "standard input"
  std::expected<StoredRun, std::string> run;    ///< or why it is refused ("file:/pointer: message")
  std::string digest;                           ///< "sha256:..." of the bytes read
};

/// Reads and validates one report file ("-": standard input).
ReadReport read_one_report(const std::string& file);

}  // namespace dockcis::fleet
