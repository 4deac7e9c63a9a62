// SPDX-License-Identifier: Apache-2.0
#include "report/render.hpp"

namespace dockcis::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text" || name == "txt") return Format::text;
  if (name == "json") return Format::json;
  if (name == "html") return Format::html;
  if (name == "junit" || name == "xml") return Format::junit;
  if (name == "xccdf") return Format::xccdf;
  if (name == "sarif") return Format::sarif;
  return std::nullopt;
}

std::string file_extension(Format format) {
  switch (format) {
    case Format::text: return "txt";
    case Format::json: return "json";
    case Format::html: return "html";
    case Format::junit: return "junit.xml";
    case Format::xccdf: return "xccdf.xml";
    case Format::sarif: return "sarif";
  }
  return "txt";
}

std::string render(const model::Report& report, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::text: return render_text(report, options);
    case Format::json: return render_json(report);
    case Format::html: return render_html(report);
    case Format::junit: return render_junit(report, options);
    case Format::xccdf: return render_xccdf(report);
    case Format::sarif: return render_sarif(report);
  }
  return {};
}

}  // namespace dockcis::report
