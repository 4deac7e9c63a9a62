// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <string_view>

#include "engine/incremental.hpp"
#include "model/report.hpp"

namespace dockcis::cli {

inline constexpr std::string_view kWatchSchema = "dockcis.watch/v1";

/// One change as a JSON line for standard output (schema in docs/watch.md).
model::json change_document(const engine::ResultChange& change, std::string_view time);
/// The same as a short line for people and the journal (standard error).
std::string change_line(const engine::ResultChange& change);

/// Writes the Prometheus textfile for the current state of the report.
std::expected<void, std::string> write_watch_metrics(const std::string& path, const model::Report& report);

}  // namespace dockcis::cli
