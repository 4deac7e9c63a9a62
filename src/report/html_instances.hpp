// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

#include <pugixml.hpp>

#include "model/report.hpp"
#include "report/clean_text.hpp"

namespace dockcis::report::html {

/// Rows an instance table holds in the page. A longer list keeps the rest as
/// inline data that the report's script pages through, so a report of a
/// thousand containers is not a hundred thousand table rows.
inline constexpr std::size_t kInstancesPerPage = 50;

/// A recommendation's containers (or other instances): the failing reasons
/// grouped with their first names, then a table of every instance.
/// `subjects` cleans the instances' names, ids and images once for the
/// whole report: the same containers fill every check's table.
void instance_table(pugi::xml_node parent, const model::CheckResult& result, CleanTexts& subjects);

}  // namespace dockcis::report::html
