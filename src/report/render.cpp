// SPDX-License-Identifier: Apache-2.0
#include "report/render.hpp"

#include <algorithm>
#include <array>

namespace dockcis::report {

namespace {

struct FormatName {
  std::string_view name;
  Format format;
  bool alias;  ///< accepted, not listed
};

constexpr std::array kFormats{FormatName{"text", Format::text, false}, FormatName{"txt", Format::text, true},
                              FormatName{"json", Format::json, false}, FormatName{"html", Format::html, false},
                              FormatName{"junit", Format::junit, false}, FormatName{"xml", Format::junit, true},
                              FormatName{"xccdf", Format::xccdf, false}};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  const auto found = std::ranges::find(kFormats, name, &FormatName::name);
  return found == kFormats.end() ? std::nullopt : std::optional(found->format);
}

std::string format_names() {
  std::string names;
  for (const auto& entry : kFormats) {
    if (!entry.alias) names += (names.empty() ? "" : ", ") + std::string(entry.name);
  }
  return names;
}

std::string file_extension(Format format) {
  switch (format) {
    case Format::text: return "txt";
    case Format::json: return "json";
    case Format::html: return "html";
    case Format::junit: return "junit.xml";
    case Format::xccdf: return "xccdf.xml";
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
  }
  return {};
}

}  // namespace dockcis::report
