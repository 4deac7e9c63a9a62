// SPDX-License-Identifier: Apache-2.0
#include "report/render.hpp"

#include <algorithm>
#include <array>

#include "report/failed_run.hpp"
#include "report/prometheus.hpp"

namespace dockcis::report {

std::optional<Format> parse_format(std::string_view name) {
  const auto found = std::ranges::find(kFormatNames, name);
  if (found != kFormatNames.end()) return static_cast<Format>(found - kFormatNames.begin());
  if (name == "txt") return Format::text;
  if (name == "xml") return Format::junit;
  return std::nullopt;
}

std::string format_names() {
  std::string names;
  for (const auto name : kFormatNames) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

std::string file_extension(Format format) {
  switch (format) {
    case Format::text: return "txt";
    case Format::json: return "json";
    case Format::html: return "html";
    case Format::junit: return "junit.xml";
    case Format::xccdf: return "xccdf.xml";
    case Format::prometheus: return "prom";
    case Format::sarif: return "sarif";
  }
  return "txt";
}

unsigned file_mode(Format format) { return format == Format::prometheus ? 0644 : 0640; }

std::string render(const model::Report& report, Format format, const RenderOptions& options) {
  if (report.failure) return render_failed_run(report, format, options);
  switch (format) {
    case Format::text: return render_text(report, options);
    case Format::json: return render_json(report);
    case Format::html: return render_html(report);
    case Format::junit: return render_junit(report, options);
    case Format::xccdf: return render_xccdf(report);
    case Format::prometheus: return render_prometheus(report, options.duration_seconds);
    case Format::sarif: return render_sarif(report);
  }
  return {};
}

void render_into(const model::Report& report, Format format, const RenderOptions& options, const Spill& spill, std::size_t chunk) {
  if (!report.failure && (format == Format::json || format == Format::xccdf || format == Format::html || format == Format::junit ||
                          format == Format::sarif)) {
    TextOut out(spill, chunk);
    if (format == Format::json) render_json(report, out);
    else if (format == Format::sarif) render_sarif(report, out);
    else if (format == Format::xccdf) render_xccdf(report, out);
    else if (format == Format::html) render_html(report, out);
    else render_junit(report, options, out);
    out.finish();
    return;
  }
  spill(render(report, format, options));
}

}  // namespace dockcis::report
