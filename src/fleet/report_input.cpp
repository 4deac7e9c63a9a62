// SPDX-License-Identifier: Apache-2.0
#include "fleet/report_input.hpp"

#include "fleet/ingest.hpp"
#include "fleet/report_reader.hpp"
#include "util/sha256.hpp"

namespace dockcis::fleet {

ReadReport read_one_report(const std::string& file) {
  ReadReport report{file == "-" ? "standard input" : file, std::unexpected(std::string()), {}};
  try {
    const auto text = read_report_file(file);
    if (!text) {
      report.run = std::unexpected(text.error());
      return report;
    }
    report.digest = "sha256:" + util::sha256_hex(*text);
    auto run = read_report(*text);
    if (run) report.run = std::move(*run);
    else report.run = std::unexpected(report.name + (run.error().pointer.empty() ? "" : ":" + run.error().pointer) + ": " + run.error().message);
  } catch (const std::exception& error) {
    report.run = std::unexpected(report.name + ": cannot be read: " + error.what());
  }
  return report;
}

}  // namespace dockcis::fleet
