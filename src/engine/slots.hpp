// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The named values a message template may use. The names are a closed set
// (a check file with another is a load error), so a slot is an enumerator
// rather than a string key in a map: every failing instance fills and copies
// a set of them.
namespace dockcis::engine {

/// In the order the man page lists the placeholders.
enum class Slot : std::uint8_t {
  object, value, expected, required, detail, label, path, option, source,
  instance, container, image, network, config_file, dockerd,
};

inline constexpr std::array<std::string_view, 15> kSlotNames{
    "object", "value",     "expected", "required", "detail",  "label",       "path",   "option",
    "source", "instance", "container", "image",    "network", "config_file", "dockerd",
};

static_assert(kSlotNames[static_cast<std::size_t>(Slot::dockerd)] == "dockerd", "kSlotNames follows Slot");

/// The slot a placeholder names; nothing for a name that is not one.
inline std::optional<Slot> slot_named(std::string_view name) {
  for (std::size_t i = 0; i < kSlotNames.size(); ++i) {
    if (kSlotNames[i] == name) return static_cast<Slot>(i);
  }
  return std::nullopt;
}

/// Slot values, each set or not (a template fills an unset one with nothing).
/// A short list rather than an array of every slot: a predicate sets about
/// six, and its outcome is moved up through each combinator above it. Slots
/// made `over` another set read that set's values where they hold none of
/// their own, so a predicate's outcome refers to its constant slots (made
/// once per predicate) instead of copying them for every instance.
class Slots {
 public:
  Slots() = default;
  Slots(std::initializer_list<std::pair<Slot, std::string>> values) {
    for (const auto& [slot, value] : values) (*this)[slot] = value;
  }
  /// Slots that read `base` for what they do not set; `base` must outlive
  /// them and every copy of them (a predicate's constant slots, kept by the
  /// evaluation context for its whole run).
  static Slots over(const Slots& base) {
    Slots layered;
    layered.base_ = &base;
    return layered;
  }

  /// The slot's value for writing; it counts as set from now on (starting
  /// from the base's value, so that appending to it appends to what was read).
  std::string& operator[](Slot slot) {
    if (const auto held = std::ranges::find(values_, slot, &Entry::first); held != values_.end()) return held->second;
    if (values_.empty()) values_.reserve(4);
    const auto* inherited = base_ != nullptr ? base_->find(slot) : nullptr;
    return values_.emplace_back(slot, inherited != nullptr ? *inherited : std::string()).second;
  }
  /// The value, or nullptr when the slot is not set.
  [[nodiscard]] const std::string* find(Slot slot) const {
    const auto held = std::ranges::find(values_, slot, &Entry::first);
    if (held != values_.end()) return &held->second;
    return base_ != nullptr ? base_->find(slot) : nullptr;
  }
  /// The value, empty when the slot is not set.
  [[nodiscard]] const std::string& get(Slot slot) const {
    static const std::string unset;
    const auto* held = find(slot);
    return held != nullptr ? *held : unset;
  }
  /// Every slot `other` sets, replacing this one's.
  void assign_from(const Slots& other) {
    if (other.base_ != nullptr) assign_from(*other.base_);
    for (const auto& [slot, value] : other.values_) (*this)[slot] = value;
  }

 private:
  using Entry = std::pair<Slot, std::string>;
  std::vector<Entry> values_;
  const Slots* base_ = nullptr;  ///< read where values_ does not hold the slot
};

}  // namespace dockcis::engine
