// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

#include "model/report.hpp"

// The JSON report's per-instance parts written straight to text: a thousand
// containers make tens of thousands of instance results, and building a JSON
// document of each only to serialise it was most of the report's cost. The
// bytes are nlohmann's compact dump of the same document (keys sorted, no
// ASCII escaping, bytes that are not UTF-8 replaced by U+FFFD).
namespace dockcis::report {

/// Appends `text` as a JSON string.
void append_json_string(std::string& out, std::string_view text);
/// Appends `value` as nlohmann's compact dump writes it.
void append_json_value(std::string& out, const model::json& value);
/// Appends the document model::to_json(instance) would give.
void append_instance(std::string& out, const model::InstanceResult& instance);

/// About twice what the instances take as text. A report reserved at this
/// size is written without growing, which would hold the old and the new
/// buffer at once (three times the text at the peak); the pages reserved and
/// never written cost no memory.
std::size_t instances_size_hint(const model::Report& report);

}  // namespace dockcis::report
