// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "fleet/store.hpp"

namespace dockcis::fleet {

struct IngestOptions {
  std::string group;  ///< overrides the reports' host.group when not empty
};

/// Counts of one batch, and a line per report refused.
struct IngestSummary {
  int stored = 0;
  int already_stored = 0;
  int refused = 0;
  std::vector<std::string> refusals;  ///< "file:/pointer: message"
};

/// Reads one report from `path` ("-": standard input), at most kMaxReportBytes.
std::expected<std::string, std::string> read_report_file(const std::string& path);

/// The report files an input names: the file itself, "-", or every *.json
/// below a directory (sorted; symbolic links to directories not followed).
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs, std::vector<std::string>& problems);

/// Validates and stores every input, each in its own transaction: a refused
/// report changes nothing and the batch goes on. Fails only when the store
/// itself becomes unusable. `progress` is told about every report.
std::expected<IngestSummary, DbError> ingest_files(Store& store, const std::vector<std::string>& inputs, const IngestOptions& options,
                                                   const std::function<void(const std::string&)>& progress = {});

}  // namespace dockcis::fleet
