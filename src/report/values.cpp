// SPDX-License-Identifier: Apache-2.0
#include "report/values.hpp"

#include <charconv>

namespace dockcis::report {

void append_value_text(std::string& out, const model::json& value) {
  using Type = model::json::value_t;
  // The scalars evidence nearly always holds, as nlohmann's dump writes them
  // but without making its serializer (and asking for the locale) each time.
  char digits[24];
  switch (value.type()) {
    case Type::string: out += value.get_ref<const std::string&>(); return;
    case Type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Type::null: out += "null"; return;
    case Type::number_integer:
      out.append(digits, std::to_chars(digits, digits + sizeof digits, value.get<model::json::number_integer_t>()).ptr);
      return;
    case Type::number_unsigned:
      out.append(digits, std::to_chars(digits, digits + sizeof digits, value.get<model::json::number_unsigned_t>()).ptr);
      return;
    default: out += value.dump(-1, ' ', false, model::json::error_handler_t::replace);
  }
}

void append_value_text(std::string& out, const model::EvidenceValue& value) {
  if (const auto* text = value.structured_text()) {
    out += *text;
  } else {
    append_value_text(out, *value.scalar());
  }
}

std::string value_text(const model::json& value) {
  std::string text;
  append_value_text(text, value);
  return text;
}

std::string value_text(const model::EvidenceValue& value) {
  std::string text;
  append_value_text(text, value);
  return text;
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

const ProbePhrases::Phrases& ProbePhrases::of(const model::Evidence& item) {
  const auto [found, added] = phrases_.try_emplace(item.probe.get());
  if (added) {
    auto& phrases = found->second;
    phrases.label = (item.label().empty() ? item.fact() + item.select() : item.label());
    phrases.label += after_label_;
    if (const auto expected = expectation_text(item); !expected.empty()) {
      phrases.expected.append(before_expected_).append(expected).append(after_expected_);
    }
  }
  return found->second;
}

}  // namespace dockcis::report
