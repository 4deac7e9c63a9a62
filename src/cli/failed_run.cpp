// SPDX-License-Identifier: Apache-2.0
#include "cli/failed_run.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "config.h"
#include "report/clean_text.hpp"
#include "util/time.hpp"
#include "util/utf8.hpp"

namespace dockcis::cli {
namespace {

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return {};
  return util::valid_utf8(name.data());
}

model::Report failed_report(const std::string& reason, int level, std::chrono::system_clock::time_point started) {
  model::Report report;
  report.tool = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  report.run_id = random_run_id();
  report.started_at = util::rfc3339(started);
  report.finished_at = util::rfc3339(std::chrono::system_clock::now());
  report.host = {{"hostname", host_name()}};
  report.level = level == 1 ? "1" : "2";
  // Every failed-run report already says the audit could not run.
  constexpr std::string_view kPrefix = "the audit could not run: ";
  report.failure = util::valid_utf8(reason.starts_with(kPrefix) ? reason.substr(kPrefix.size()) : reason);
  return report;
}

}  // namespace

std::string random_run_id() {
  // 128 bits from std::random_device (the CPU's or the kernel's random source), 32 per draw: a generator
  // seeded from one draw would give only 2^32 ids, and a fleet store refuses
  // a second run under an id it holds (a repeat is likely by 77,000 runs).
  std::random_device device;
  std::array<std::uint32_t, 4> words{};
  for (auto& word : words) word = device();
  words[1] = (words[1] & 0xffff0fffU) | 0x00004000U;  // version 4
  words[2] = (words[2] & 0x3fffffffU) | 0x80000000U;  // RFC 9562 variant
  std::ostringstream out;
  out << std::hex << std::setfill('0');
  for (const auto word : words) out << std::setw(8) << word;
  const auto id = out.str();
  return id.substr(0, 8) + "-" + id.substr(8, 4) + "-" + id.substr(12, 4) + "-" + id.substr(16, 4) + "-" + id.substr(20, 12);
}

std::expected<int, Failure> run_guarded(const std::function<std::expected<int, Failure>()>& body) {
  try {
    return body();
  } catch (const std::exception& error) {
    return std::unexpected(Failure{kCannotRun, std::string("internal error: ") + error.what()});
  } catch (...) {
    return std::unexpected(Failure{kCannotRun, "internal error: an exception of unknown type"});
  }
}

int report_failed_run(const OutputPlan& outputs, const std::string& reason, int level,
                      std::chrono::steady_clock::time_point started, bool color_on_terminal) {
  // The message first: should writing the reports fail too, it is still seen.
  fail_with({kCannotRun, reason});
  try {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const auto report = failed_report(reason, level, std::chrono::system_clock::now() -
                                                         std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed));
    report::RenderOptions options;
    options.duration_seconds = std::chrono::duration<double>(elapsed).count();
    if (auto written = write_outputs(report, outputs, options, color_on_terminal); !written) fail_with(written.error());
  } catch (const std::exception& error) {
    fail_with({kCannotRun, std::string("the report of the failed run could not be written either: ") + error.what()});
  } catch (...) {
    fail_with({kCannotRun, "the report of the failed run could not be written either"});
  }
  return kCannotRun;
}

void test_fault_point([[maybe_unused]] std::string_view stage) {
#if DOCKCIS_TEST_HOOKS
  const char* wanted = std::getenv("DOCKCIS_TEST_THROW");
  if (wanted == nullptr) return;
  const std::string_view value(wanted);
  if (value == stage) throw std::runtime_error("test fault at " + std::string(stage) + " (DOCKCIS_TEST_THROW)");
  if (value == std::string(stage) + ":other") throw 42;
#endif
}

}  // namespace dockcis::cli
