// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.hpp"
#include "util/json_write.hpp"

// The JSON report's per-instance parts written straight to text: a thousand
// containers make tens of thousands of instance results, and building a JSON
// document of each only to serialise it was most of the report's cost. The
// bytes are nlohmann's compact dump of the same document (keys sorted, no
// ASCII escaping, bytes that are not UTF-8 replaced by U+FFFD).
namespace dockcis::report {

/// Appends a value held as evidence as nlohmann's compact dump writes it
/// (util/json_write.hpp for strings and other values).
void append_json_value(std::string& out, const model::EvidenceValue& value);
/// Appends a result's "evidence" list as model::to_json(result) would give it.
void append_evidence_list(std::string& out, const std::vector<model::Evidence>& evidence);
/// Appends the document model::to_json(instance, subject, probes) would give.
void append_instance(std::string& out, const model::InstanceResult& instance, std::size_t subject,
                     std::span<const std::uint32_t> probes);

}  // namespace dockcis::report
