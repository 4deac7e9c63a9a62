// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <pugixml.hpp>

#include "model/report.hpp"
#include "report/html_instances.hpp"
#include "report/html_text.hpp"

namespace dockcis::report::html {

/// The filter bar and the table of every recommendation, grouped by section.
void rule_overview(pugi::xml_node main, const model::Report& report);
/// The section of the rule details, with the comment `<!--marker-->` where
/// its blocks go (they are printed one at a time, see html::serialize).
void rule_details_section(pugi::xml_node main, const char* marker);
/// One recommendation's expandable block: text, evidence, containers, fix;
/// `subjects` cleans the containers' names, ids and images once for the whole report.
void rule_detail(HtmlText& html, const model::CheckResult& result, SubjectTexts& subjects);
/// What could not be read, with hints, and every waiver with its status.
void appendices(pugi::xml_node main, const model::Report& report);

}  // namespace dockcis::report::html
