// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "engine/diagnostics.hpp"
#include "engine/loader.hpp"

// Data shipped with the catalogue (schema dockcis.data/v1), such as the table
// of Docker releases and their end of support that CIS 1.2.2 is judged by.
// A check reads one through a predicate's "data" operand.
namespace dockcis::engine {

inline constexpr std::string_view kDataSchema = "dockcis.data/v1";

/// Whether a file of checks/ is a data file (its "schema" says so).
bool is_data_file(const model::json& document);

/// Validates a data file and stores its document under its "name":
/// {"schema", "name", "title", "updated": "YYYY-MM-DD", "sources": [URL, ...], "value": ...}.
void parse_data_file(DocumentReader& reader, const model::json& document, std::map<std::string, model::json>& data);

/// The data documents as operators see them: each with "run_date" (YYYY-MM-DD) added.
model::json data_for_run(const Catalogue& catalogue, const std::string& run_date);

}  // namespace dockcis::engine
