// SPDX-License-Identifier: Apache-2.0
#include "model/evidence_value.hpp"

#include <string>
#include <utility>

#include "util/json_write.hpp"

namespace dockcis::model {

void EvidenceValue::hold(const nlohmann::json& value) {
  structured_ = value.is_structured();
  if (!structured_) {
    value_ = value;
    return;
  }
  std::string text;
  util::append_json(text, value);
  value_ = std::move(text);
}

void EvidenceValue::hold(nlohmann::json&& value) {
  if (value.is_structured()) return hold(std::as_const(value));
  structured_ = false;
  value_ = std::move(value);
}

nlohmann::json EvidenceValue::value() const {
  // The text is nlohmann's own dump, so it parses, without exceptions; the
  // iterative parser takes any depth the collection let through.
  return structured_ ? nlohmann::json::parse(value_.get_ref<const std::string&>(), nullptr, false) : value_;
}

}  // namespace dockcis::model
