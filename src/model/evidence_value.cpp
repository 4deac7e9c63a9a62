// SPDX-License-Identifier: Apache-2.0
#include "model/evidence_value.hpp"

#include <limits>
#include <string>
#include <utility>

#include "util/json_parse.hpp"
#include "util/json_write.hpp"
#include "util/utf8.hpp"

namespace dockcis::model {

namespace {

// The most bytes of one text (a string or a key) evidence shows: enough for
// any real label, path or command line read whole, and a text of megabytes
// (an image's RUN line, a name someone made long) is not copied into every
// report that shows it.
constexpr std::size_t kShownText = 4096;

bool long_text(const nlohmann::json& value) { return value.is_string() && value.get_ref<const std::string&>().size() > kShownText; }

}  // namespace

void EvidenceValue::hold(const nlohmann::json& value) {
  structured_ = value.is_structured();
  if (!structured_) {
    value_ = long_text(value) ? nlohmann::json(util::shortened(value.get_ref<const std::string&>(), kShownText)) : value;
    return;
  }
  std::string text;
  util::append_json_shown(text, value, kShownText);
  value_ = std::move(text);
}

void EvidenceValue::hold(nlohmann::json&& value) {
  if (value.is_structured() || long_text(value)) return hold(std::as_const(value));
  structured_ = false;
  value_ = std::move(value);
}

EvidenceValue EvidenceValue::repeated(const nlohmann::json& value, bool& cut) {
  cut = false;
  if (!value.is_structured()) return EvidenceValue(value);
  EvidenceValue held;
  std::string text;
  if (util::append_json_within(text, value, kShownText, kShownText)) {
    held.structured_ = true;
    held.value_ = std::move(text);
    return held;
  }
  cut = true;
  held.value_ = util::shortened(text, kShownText);
  return held;
}

nlohmann::json EvidenceValue::value() const {
  if (!structured_) return value_;
  // The text is nlohmann's own dump, so it parses, without exceptions and
  // with no limit to hold it to. parse_json reads it through simdjson (a
  // container list's evidence is megabytes) into the values nlohmann's own
  // parser gives (fuzz/json_parse holds it to that); nlohmann's iterative
  // parser stays for anything it does not take.
  const auto& text = value_.get_ref<const std::string&>();
  constexpr auto kUnlimited = std::numeric_limits<std::size_t>::max();
  if (auto parsed = util::parse_json(text, {.max_depth = kUnlimited, .max_string = kUnlimited})) return std::move(*parsed);
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace dockcis::model
