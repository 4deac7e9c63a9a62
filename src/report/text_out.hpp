// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace dockcis::report {

/// Takes a report's text piece by piece (a file being written).
using Spill = std::function<void(std::string_view)>;

/// A report's text as a renderer makes it: kept whole (render()), or handed
/// to a Spill whenever `chunk` bytes are made (render_into()), so that a
/// thousand containers' report written to a file is never held whole.
class TextOut {
 public:
  TextOut() = default;
  TextOut(const Spill& spill, std::size_t chunk) : spill_(&spill), chunk_(chunk) { text_.reserve(chunk + chunk / 4); }

  /// Where the renderer appends.
  std::string& text() { return text_; }
  /// Whether the whole text is kept (worth reserving at its estimated size).
  [[nodiscard]] bool whole() const { return spill_ == nullptr; }
  /// Hands on what was made once it reaches the chunk size; the renderer
  /// calls it between the parts of its text.
  void spill_if_full() {
    if (spill_ != nullptr && text_.size() >= chunk_) hand_on();
  }
  /// The whole text; with a Spill, the rest is handed on and "" returned.
  std::string finish() {
    if (spill_ == nullptr) return std::move(text_);
    hand_on();
    return {};
  }

 private:
  void hand_on() {
    if (!text_.empty()) (*spill_)(text_);
    text_.clear();
  }

  const Spill* spill_ = nullptr;
  std::size_t chunk_ = 0;
  std::string text_;
};

}  // namespace dockcis::report
