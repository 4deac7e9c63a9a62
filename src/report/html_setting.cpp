// SPDX-License-Identifier: Apache-2.0
#include "report/html_setting.hpp"

#include "report/html_dom.hpp"
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

void setting_table(pugi::xml_node parent, const model::Setting& setting) {
  add_text(parent, "h4", "Where the setting comes from");
  auto table = add(parent, "table", "setting");
  header_row(table, {"Source", "Where", "Value", ""});
  for (const auto& source : setting.sources) {
    auto row = add(table, "tr", source.decides ? "decides" : (source.disagrees ? "disagrees" : ""));
    add_text(row, "td", source_name(source.source));
    add_text(add(row, "td"), "code", source.where);
    add_text(add(row, "td"), "code", source.value.is_null() ? std::string() : value_text(source.value));
    add_text(row, "td", source_status(source));
  }
  std::string summary = "Option " + setting.option;
  if (!setting.decided_by.empty()) summary += ": " + source_name(setting.decided_by) + " decides";
  if (setting.conflict) summary += "; the sources disagree";
  if (setting.file_changed_after_start) summary += "; daemon.json changed after dockerd started, so the running daemon may use an older value";
  if (!setting.note.empty()) summary += "; " + setting.note;
  add_text(parent, "p", summary + ".", "muted");
}

}  // namespace dockcis::report::html
