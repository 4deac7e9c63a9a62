// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

// The named values a message template may use. The names are a closed set
// (a check file with another is a load error), so the values sit in an array
// indexed by name rather than in a map: every failing instance fills and
// copies a set of them.
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
class Slots {
 public:
  Slots() = default;
  Slots(std::initializer_list<std::pair<Slot, std::string>> values) {
    for (const auto& [slot, value] : values) (*this)[slot] = value;
  }

  /// The slot's value for writing; it counts as set from now on.
  std::string& operator[](Slot slot) {
    set_ |= bit(slot);
    return values_[index(slot)];
  }
  /// The value, or nullptr when the slot is not set.
  [[nodiscard]] const std::string* find(Slot slot) const { return (set_ & bit(slot)) != 0 ? &values_[index(slot)] : nullptr; }
  /// The value, empty when the slot is not set.
  [[nodiscard]] const std::string& get(Slot slot) const { return values_[index(slot)]; }
  /// Every slot `other` sets, replacing this one's.
  void assign_from(const Slots& other) {
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if ((other.set_ & (1U << i)) != 0) values_[i] = other.values_[i];
    }
    set_ |= other.set_;
  }

 private:
  static constexpr std::size_t index(Slot slot) { return static_cast<std::size_t>(slot); }
  static constexpr std::uint16_t bit(Slot slot) { return static_cast<std::uint16_t>(1U << index(slot)); }

  std::array<std::string, kSlotNames.size()> values_{};
  std::uint16_t set_ = 0;
};

}  // namespace dockcis::engine
