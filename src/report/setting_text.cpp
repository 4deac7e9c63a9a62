// SPDX-License-Identifier: Apache-2.0
#include "report/setting_text.hpp"

#include "report/values.hpp"

namespace dockcis::report {
namespace {

std::string json_text(const model::json& value) { return value.dump(-1, ' ', false, model::json::error_handler_t::replace); }

}  // namespace

std::string source_text(const model::Setting& setting, const model::SettingSource& source) {
  std::string value;  // appended, not " " + text (values.cpp says why)
  if (!source.value.is_null()) value.append(" ").append(value_text(source.value));
  if (source.source == "engine") return "running engine (" + source.where + ")" + value;
  if (source.source == "flag") return "command line " + source.where;
  if (source.source == "unit") return source.where;
  if (source.source == "file") return source.where + " " + json_text(model::json(setting.option)) + ": " + json_text(source.value);
  if (source.source == "default") return source.value.is_null() ? "not set anywhere, so dockerd's default" : "default" + value;
  return source.where + value;
}

std::string source_status(const model::SettingSource& source) {
  std::string status;
  const auto add = [&](const std::string& part) { status += (status.empty() ? "" : ", ") + part; };
  if (source.decides) add("decides");
  if (source.disagrees) add("disagrees");
  if (source.changed_after_start) add("changed after dockerd started");
  // A default without a value already says it is set nowhere.
  if (!source.note.empty() && !(source.source == "default" && source.value.is_null())) add(source.note);
  return status;
}

std::string sources_line(const model::Setting& setting) {
  std::string line;
  for (const auto& source : setting.sources) {
    const auto status = source_status(source);
    line += (line.empty() ? "" : " \u00b7 ") + source_text(setting, source) + (status.empty() ? "" : " (" + status + ")");
  }
  if (!setting.note.empty()) line += (line.empty() ? "" : " \u00b7 ") + setting.note;
  return line;
}

}  // namespace dockcis::report
