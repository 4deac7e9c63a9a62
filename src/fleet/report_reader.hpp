// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "fleet/stored_run.hpp"

namespace dockcis::fleet {

/// The largest report the store reads (a host with thousands of containers
/// stays far below it).
inline constexpr std::size_t kMaxReportBytes = 64u << 20;

/// Where a report is wrong (JSON pointer, "" for the whole document) and why.
struct ReportProblem {
  std::string pointer;
  std::string message;
};

/// Reads and validates a dockcis.report/v1 document. Unknown keys are
/// ignored (newer v1 writers may add some); every key read is type-checked.
std::expected<StoredRun, ReportProblem> read_report(std::string_view text);

}  // namespace dockcis::fleet
