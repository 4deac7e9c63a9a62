// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <expected>
#include <functional>
#include <string>
#include <string_view>

#include "cli/report_outputs.hpp"

namespace dockcis::cli {

/// A fresh run id: a random (version 4) UUID in lower case.
std::string random_run_id();

/// Runs `body`, turning any exception that escapes it (std::exception or
/// anything else) into a "could not run" failure (exit 3) with the reason.
std::expected<int, Failure> run_guarded(const std::function<std::expected<int, Failure>()>& body);

/// Writes every requested output as the report of a failed run (state
/// "failed", the reason, no results), prints the reason, and returns 3.
int report_failed_run(const OutputPlan& outputs, const std::string& reason, int level,
                      std::chrono::steady_clock::time_point started, bool color_on_terminal);

/// In test builds only (config.h DOCKCIS_TEST_HOOKS), throws when the
/// environment variable DOCKCIS_TEST_THROW names `stage` ("collect": a
/// std::runtime_error; "collect:other": an exception of no standard type),
/// so the tests can reach the last-resort barrier.
void test_fault_point(std::string_view stage);

}  // namespace dockcis::cli
