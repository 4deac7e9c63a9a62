// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/report.hpp"

namespace dockcis::report {

enum class Format { text, json, html, junit, xccdf, sarif };

std::optional<Format> parse_format(std::string_view name);
/// File name extension for --output-dir: txt, json, html, junit.xml, xccdf.xml.
std::string file_extension(Format format);

struct RenderOptions {
  bool color = false;
  bool verbose = false;
  bool junit_per_instance = false;
};

/// Renders a report. Pure: renderers never evaluate and never touch the host.
std::string render(const model::Report& report, Format format, const RenderOptions& options);

std::string render_text(const model::Report& report, const RenderOptions& options);
std::string render_json(const model::Report& report);
std::string render_html(const model::Report& report);
std::string render_junit(const model::Report& report, const RenderOptions& options);
/// XCCDF 1.2 Benchmark with its TestResult (waivers as overrides, containers as instances).
std::string render_xccdf(const model::Report& report);
/// SARIF 2.1.0: failing and undecided results (waived ones as suppressions) for code-scanning dashboards.
std::string render_sarif(const model::Report& report);

}  // namespace dockcis::report
