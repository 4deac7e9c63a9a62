// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/unavailable.hpp"

namespace dockcis::model {

using json = nlohmann::json;

using Fact = std::expected<json, Unavailable>;

/// Why a fact could not be read; nullptr when it was read or never collected.
inline const Unavailable* error_of(const Fact* fact) { return fact != nullptr && !fact->has_value() ? &fact->error() : nullptr; }

/// Every fact collected in one run, keyed by fact key. Collected once, read by
/// every check, serialisable so a snapshot can be evaluated without the host.
/// The kinds of fact and their keys are listed in model/fact_kinds.hpp.
class FactStore {
 public:
  void set(std::string_view key, Fact fact);
  /// nullptr when the fact was never collected (a planning error, not a host state).
  [[nodiscard]] const Fact* find(std::string_view key) const;
  /// The value of a fact that was read; nullptr when it was not collected or is unavailable.
  [[nodiscard]] const json* value(std::string_view key) const;
  [[nodiscard]] const std::map<std::string, Fact, std::less<>>& all() const { return facts_; }
  /// Removes a fact and hands it back (a removed container's facts, a list swapped for a moment).
  std::optional<Fact> take(std::string_view key);
  /// Puts back a fact take() handed out, without checking its text again (it was checked when set).
  void put_back(std::string_view key, Fact fact);

  /// Moves in every fact of `other` this store lacks (a collection read on another thread).
  void merge(FactStore&& other) {
    ++changes_;
    facts_.merge(other.facts_);
  }
  /// Counts every change (set, take, put_back, merge): a pointer find() gave
  /// is good while the count has not moved.
  [[nodiscard]] std::uint64_t changes() const { return changes_; }

  /// Free-form run metadata kept with a snapshot (tool version, collection time).
  json meta = json::object();

  /// What from_json may assume of a snapshot's text.
  enum class Text {
    unchecked,   ///< bytes that are not UTF-8 are replaced, as set() does
    valid_utf8,  ///< util::parse_json's document, whose text is valid UTF-8 already
  };
  [[nodiscard]] json to_json() const;
  static std::expected<FactStore, std::string> from_json(json document, Text text = Text::unchecked);

 private:
  std::map<std::string, Fact, std::less<>> facts_;
  std::uint64_t changes_ = 0;
};

inline constexpr std::string_view kFactsSchema = "dockcis.facts/v1";

/// Key of a per-instance fact: instance_key("container", id, "inspect") ->
/// "container/<id>/inspect".
std::string instance_key(std::string_view collection, std::string_view id, std::string_view field);
/// The same from the kind's name: instance_key("container.inspect", id).
std::string instance_key(std::string_view kind, std::string_view id);

}  // namespace dockcis::model
