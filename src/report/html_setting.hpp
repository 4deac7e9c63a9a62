// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "model/setting.hpp"
#include "report/html_text.hpp"

namespace dockcis::report::html {

/// "Where the setting comes from": a daemon option's sources side by side,
/// the deciding one and those that disagree marked.
void setting_table(HtmlText& html, const model::Setting& setting);

}  // namespace dockcis::report::html
