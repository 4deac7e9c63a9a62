// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "model/report.hpp"
#include "report/html_instances.hpp"
#include "report/html_text.hpp"

namespace dockcis::report::html {

/// The filter bar and the table of every recommendation, grouped by section.
void rule_overview(HtmlText& html, const model::Report& report);
/// One recommendation's expandable block: text, evidence, containers, fix;
/// `subjects` cleans the containers' names, ids and images once for the whole report.
void rule_detail(HtmlText& html, const model::CheckResult& result, SubjectTexts& subjects);
/// What could not be read, with hints, and every waiver with its status.
void appendices(HtmlText& html, const model::Report& report);

}  // namespace dockcis::report::html
