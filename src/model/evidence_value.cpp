// SPDX-License-Identifier: Apache-2.0
#include "model/evidence_value.hpp"

#include <utility>

namespace dockcis::model {

void EvidenceValue::hold(const nlohmann::json& value) {
  structured_ = value.is_structured();
  value_ = structured_ ? nlohmann::json(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) : value;
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
