// SPDX-License-Identifier: Apache-2.0
#include "report/html_setting.hpp"

#include "report/html_text.hpp"
#include "report/values.hpp"
#include "report/setting_text.hpp"

namespace dockcis::report::html {
namespace {

std::string source_name(const std::string& source) {
  if (source == "engine") return "running engine";
  if (source == "flag") return "command line";
  if (source == "unit") return "docker.service";
  if (source == "file") return "daemon.json";
  if (source == "default") return "default";
  return source;
}

}  // namespace

void setting_table(HtmlText& html, const model::Setting& setting) {
  html.element("h4", "Where the setting comes from");
  html.open("table", "setting");
  header_row(html, {"Source", "Where", "Value", ""});
  for (const auto& source : setting.sources) {
    html.open("tr", source.decides ? "decides" : (source.disagrees ? "disagrees" : ""));
    html.element("td", source_name(source.source));
    html.open("td").element("code", source.where).close();
    html.open("td").element("code", source.value.is_null() ? std::string() : value_text(source.value)).close();
    html.element("td", source_status(source));
    html.close();
  }
  html.close();
  std::string summary = "Option " + setting.option;
  if (!setting.decided_by.empty()) summary += ": " + source_name(setting.decided_by) + " decides";
  if (setting.conflict) summary += "; the sources disagree";
  if (setting.file_changed_after_start) summary += "; daemon.json changed after dockerd started, so the running daemon may use an older value";
  if (!setting.note.empty()) summary += "; " + setting.note;
  html.element("p", summary + ".", "muted");
}

}  // namespace dockcis::report::html
