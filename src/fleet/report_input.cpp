// SPDX-License-Identifier: Apache-2.0
#include "fleet/report_input.hpp"

#include <chrono>

#include "fleet/ingest.hpp"
#include "fleet/report_reader.hpp"
#include "util/sha256.hpp"
#include "util/time.hpp"

namespace dockcis::fleet {
namespace {

// A host's newest run is the one that started last: a run dated ahead of
// this machine's clock would hide that host's later runs until the date
// passed. A day covers clocks that drift and time zones set wrong.
std::string latest_start() { return util::rfc3339(std::chrono::system_clock::now() + std::chrono::hours(24)); }

}  // namespace

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
    if (run && run->started_at > latest_start()) {
      report.run = std::unexpected(report.name + ":/started_at: " + run->started_at +
                                   " is more than a day ahead of this machine's clock: the host's clock is wrong, or the report is not genuine");
    } else if (run) {
      report.run = std::move(*run);
    } else {
      report.run = std::unexpected(report.name + (run.error().pointer.empty() ? "" : ":" + run.error().pointer) + ": " + run.error().message);
    }
  } catch (const std::exception& error) {
    report.run = std::unexpected(report.name + ": cannot be read: " + error.what());
  }
  return report;
}

}  // namespace dockcis::fleet
