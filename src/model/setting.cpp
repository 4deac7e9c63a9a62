// SPDX-License-Identifier: Apache-2.0
#include "model/setting.hpp"

namespace dockcis::model {

nlohmann::json to_json(const SettingSource& source) {
  nlohmann::json out{{"source", source.source}, {"where", source.where}, {"value", source.value},
                     {"decides", source.decides}, {"disagrees", source.disagrees}};
  if (source.changed_after_start) out["changed_after_start"] = true;
  if (!source.note.empty()) out["note"] = source.note;
  return out;
}

nlohmann::json to_json(const Setting& setting) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& source : setting.sources) sources.push_back(to_json(source));
  nlohmann::json out{{"option", setting.option},
          {"decided_by", setting.decided_by},
          {"value", setting.value},
          {"conflict", setting.conflict},
          {"file_changed_after_start", setting.file_changed_after_start},
          {"sources", std::move(sources)}};
  if (!setting.note.empty()) out["note"] = setting.note;
  return out;
}

}  // namespace dockcis::model
