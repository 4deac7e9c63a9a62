// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "model/setting.hpp"

// A daemon option's sources in words, for the text and HTML reports.
namespace dockcis::report {

/// One source with its value: "command line --icc=false",
/// "/etc/docker/daemon.json \"icc\": true", "running engine (docker info: LiveRestoreEnabled) false".
std::string source_text(const model::Setting& setting, const model::SettingSource& source);

/// What a source is to the others: "decides", "disagrees, changed after dockerd started", "".
std::string source_status(const model::SettingSource& source);

/// Every source on one line, the deciding one first marked:
/// "command line --icc=false (decides) · /etc/docker/daemon.json \"icc\": true (disagrees)".
std::string sources_line(const model::Setting& setting);

}  // namespace dockcis::report
