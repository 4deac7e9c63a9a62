// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

namespace dockcis::model {

/// The value a piece of evidence found, held as compactly as the reports
/// allow: a scalar as it is, a list or an object as its compact JSON text
/// (nlohmann's dump, bytes that are not UTF-8 replaced by U+FFFD). Every
/// report prints a found list or object as that very text, so the bytes do
/// not change. As a tree of maps, a list or object takes about four times
/// the memory of its text: at 5,000 containers (a network endpoint and a
/// list of mounts each) that was 7 MiB of the peak.
/// Every text in it (a string or a key) longer than 4 KiB is held cut, with
/// "…" (two keys of an object that differ only after their first 4 KiB are
/// then one key, the last one's value kept).
class EvidenceValue {
 public:
  EvidenceValue() = default;
  // Implicit, from anything a JSON value is made of: evidence is given the value found.
  template <typename Value>
    requires(!std::is_same_v<std::remove_cvref_t<Value>, EvidenceValue> && std::is_constructible_v<nlohmann::json, Value &&>)
  EvidenceValue(Value&& value) {  // NOLINT(google-explicit-constructor)
    // A document's list or object is written out where it stands, not copied first.
    if constexpr (std::is_same_v<std::remove_cvref_t<Value>, nlohmann::json>) {
      hold(std::forward<Value>(value));
    } else {
      hold(nlohmann::json(std::forward<Value>(value)));
    }
  }

  /// A value one host-wide document holds (daemon.json's, /info's), shown
  /// in every instance of a check that reads it: a list or an object whose
  /// compact text is longer than 4 KiB is held as that text's first 4 KiB
  /// and "…", a string, and `cut` is set. Shown whole, a megabyte of
  /// daemon.json made a 2 GB report at 2,000 containers.
  static EvidenceValue repeated(const nlohmann::json& value, bool& cut);

  [[nodiscard]] bool is_null() const { return !structured_ && value_.is_null(); }
  /// A scalar (null, boolean, number or string); nullptr for a list or an object.
  [[nodiscard]] const nlohmann::json* scalar() const { return structured_ ? nullptr : &value_; }
  /// A list's or an object's compact text; nullptr for a scalar.
  [[nodiscard]] const std::string* structured_text() const { return structured_ ? &value_.get_ref<const std::string&>() : nullptr; }
  /// The value as a document: a list or an object parsed again from its text.
  [[nodiscard]] nlohmann::json value() const;

  friend bool operator==(const EvidenceValue& held, const nlohmann::json& other) { return held.value() == other; }

 private:
  void hold(const nlohmann::json& value);
  void hold(nlohmann::json&& value);

  nlohmann::json value_;  ///< the scalar, or the text of a list or an object
  bool structured_ = false;
};

}  // namespace dockcis::model
