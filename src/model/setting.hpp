// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// Where a daemon option's value comes from: every source dockerd could take it
// from, side by side, and the one that decided.
namespace dockcis::model {

/// One place a daemon option is (or could be) set.
struct SettingSource {
  std::string source;  ///< engine | flag | unit | file | default
  std::string where;   ///< "docker info: LiveRestoreEnabled", "--icc=false", "/etc/docker/daemon.json"
  nlohmann::json value;
  bool decides = false;
  bool disagrees = false;           ///< its value differs from the deciding one
  bool changed_after_start = false;  ///< daemon.json's mtime is later than dockerd's start
  std::string note;                  ///< e.g. why the engine did not say
};

/// The sources of the daemon option a check is about.
struct Setting {
  std::string option;      ///< daemon.json's name for it: "icc", "live-restore"
  std::string decided_by;  ///< the deciding source's kind; "" when none could be read
  nlohmann::json value;    ///< the deciding source's value
  std::vector<SettingSource> sources;  ///< engine, flag, unit, file, default: those that exist
  bool conflict = false;  ///< a source disagrees with the deciding one, or a flag and daemon.json both set it
  bool file_changed_after_start = false;
  std::string note;  ///< why the configuration's sources are missing (daemon.config could not be read)
};

nlohmann::json to_json(const SettingSource& source);
nlohmann::json to_json(const Setting& setting);

}  // namespace dockcis::model
