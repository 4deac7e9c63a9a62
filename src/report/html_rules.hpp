// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <pugixml.hpp>

#include "model/report.hpp"

namespace dockcis::report::html {

/// The filter bar and the table of every recommendation, grouped by section.
void rule_overview(pugi::xml_node main, const model::Report& report);
/// One expandable block per recommendation: text, evidence, containers, fix.
void rule_details(pugi::xml_node main, const model::Report& report);
/// What could not be read, with hints, and every waiver with its status.
void appendices(pugi::xml_node main, const model::Report& report);

}  // namespace dockcis::report::html
