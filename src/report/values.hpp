// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

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

/// What a probe says besides an instance's value, phrased once for every
/// instance that shares the probe (a check's thousand containers): its label
/// (or fact and field) followed by `after_label`, and its expectation
/// between `before_expected` and `after_expected` ("" when it has none).
class ProbePhrases {
 public:
  struct Phrases {
    std::string label;
    std::string expected;
  };
  ProbePhrases(std::string_view after_label, std::string_view before_expected, std::string_view after_expected)
      : after_label_(after_label), before_expected_(before_expected), after_expected_(after_expected) {}
  const Phrases& of(const model::Evidence& item);

 private:
  std::string_view after_label_, before_expected_, after_expected_;
  std::unordered_map<const model::Probe*, Phrases> phrases_;
};

}  // namespace dockcis::report
