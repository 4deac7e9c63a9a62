// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <pugixml.hpp>

#include "model/setting.hpp"

namespace dockcis::report::html {

/// "Where the setting comes from": a daemon option's sources side by side,
/// the deciding one and those that disagree marked.
void setting_table(pugi::xml_node parent, const model::Setting& setting);

}  // namespace dockcis::report::html
