// SPDX-License-Identifier: Apache-2.0
#include "report/values.hpp"

namespace dockcis::report {

std::string value_text(const model::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, model::json::error_handler_t::replace);
}

std::string value_text(const model::EvidenceValue& value) {
  if (const auto* text = value.structured_text()) return *text;
  return value_text(*value.scalar());
}

std::string host_text(const model::Report& report, const char* field, const std::string& fallback) {
  if (!report.host.is_object()) return fallback;
  const auto found = report.host.find(field);
  if (found == report.host.end() || found->is_null()) return fallback;
  auto text = value_text(*found);
  return text.empty() ? fallback : text;
}

std::string expectation_text(const model::Evidence& evidence) {
  if (evidence.op().empty()) return {};
  // Appended, not " " + text: g++ 12 at -O3 warns falsely (-Wrestrict) on prepending to a temporary.
  std::string text = evidence.op();
  if (!evidence.expected().is_null()) text.append(" ").append(value_text(evidence.expected()));
  return text;
}

}  // namespace dockcis::report
