// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "model/report.hpp"

namespace dockcis::report {

/// A JSON value as a reader expects it: strings bare, everything else as
/// compact JSON (invalid UTF-8 replaced, never thrown).
std::string value_text(const model::json& value);
/// The same for a value held as evidence.
std::string value_text(const model::EvidenceValue& value);
/// value_text() appended to `out`.
void append_value_text(std::string& out, const model::json& value);
void append_value_text(std::string& out, const model::EvidenceValue& value);
/// A host identity field ("hostname", "docker_version", ...) as text; `fallback`
/// when it is missing or null, whatever type the collector gave it.
std::string host_text(const model::Report& report, const char* field, const std::string& fallback = {});
/// "eq false", "matches \"^x$\"": the expectation of one piece of evidence ("" when none).
std::string expectation_text(const model::Evidence& evidence);

}  // namespace dockcis::report
