// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "model/report.hpp"
#include "report/text_out.hpp"

namespace dockcis::report {

enum class Format { text, json, html, junit, xccdf, prometheus, sarif };

/// The name of every format, as -o and -f take them (messages, shell completion).
inline constexpr std::array<std::string_view, 7> kFormatNames{"text", "json", "html", "junit", "xccdf", "prometheus", "sarif"};

std::optional<Format> parse_format(std::string_view name);
/// "text, json, ...": kFormatNames joined, for messages and help.
std::string format_names();
/// File name extension for --output-dir: txt, json, html, junit.xml, xccdf.xml, prom.
std::string file_extension(Format format);
/// Mode of a written report: 0640, but 0644 for the metrics, which
/// node_exporter reads as its own user; they hold only counts and scores.
unsigned file_mode(Format format);

struct RenderOptions {
  bool color = false;
  bool verbose = false;
  bool junit_per_instance = false;
  double duration_seconds = -1;  ///< how long the run took, for the metrics; negative: unknown
};

/// Renders a report. Pure: renderers never evaluate and never touch the host.
std::string render(const model::Report& report, Format format, const RenderOptions& options);

/// How much text render_into() hands on at a time.
inline constexpr std::size_t kSpillChunk = 256 * 1024;
/// Renders a report into `spill`, piece by piece (about `chunk` bytes each):
/// the JSON and XCCDF reports a few results at a time, SARIF a finding at a
/// time, the HTML and JUnit documents as they are saved, never held whole as
/// text; the other formats, small, whole at once.
void render_into(const model::Report& report, Format format, const RenderOptions& options, const Spill& spill,
                 std::size_t chunk = kSpillChunk);

std::string render_text(const model::Report& report, const RenderOptions& options);
std::string render_json(const model::Report& report);
void render_json(const model::Report& report, TextOut& out);
std::string render_html(const model::Report& report);
void render_html(const model::Report& report, TextOut& out);
std::string render_junit(const model::Report& report, const RenderOptions& options);
void render_junit(const model::Report& report, const RenderOptions& options, TextOut& out);
/// XCCDF 1.2 Benchmark with its TestResult (waivers as overrides, containers as instances).
std::string render_xccdf(const model::Report& report);
void render_xccdf(const model::Report& report, TextOut& out);
/// SARIF 2.1.0: failing and undecided results (waived ones as suppressions) for code-scanning dashboards.
std::string render_sarif(const model::Report& report);
void render_sarif(const model::Report& report, TextOut& out);

}  // namespace dockcis::report
