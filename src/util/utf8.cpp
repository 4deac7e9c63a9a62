// SPDX-License-Identifier: Apache-2.0
#include "util/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "util/word_scan.hpp"

namespace dockcis::util {
namespace {

// Length of the well-formed sequence at `text[at]`, 0 when there is none.
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf;  // the allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;   // no overlong forms
    if (lead == 0xed) high = 0x9f;  // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  const auto second = static_cast<unsigned char>(text[at + 1]);
  if (second < low || second > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((static_cast<unsigned char>(text[at + i]) & 0xc0) != 0x80) return 0;
  }
  return length;
}

// Where the well-formed text from `at` ends: the first byte of a bad
// sequence, or the end of the text.
std::size_t valid_until(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    // ASCII, nearly all of what Docker answers, eight bytes at a time.
    if (at + words::kWord <= text.size() && !words::any_high(words::load(text.data() + at))) {
      at += words::kWord;
      continue;
    }
    const auto length = sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return at;
}

}  // namespace

bool is_valid_utf8(std::string_view text) { return valid_until(text, 0) == text.size(); }

std::string valid_utf8(std::string_view text) {
  auto end = valid_until(text, 0);
  if (end == text.size()) return std::string(text);  // nearly always: copied whole
  std::string out;
  out.reserve(text.size() + 2 * kReplacement.size());
  std::size_t at = 0;
  // Each well-formed run is copied whole, each bad byte replaced.
  while (true) {
    out.append(text.substr(at, end - at));
    if (end == text.size()) return out;
    out += kReplacement;
    at = end + 1;
    end = valid_until(text, at);
  }
}

bool make_valid_utf8(nlohmann::json& document) {
  bool replaced = false;
  std::vector<nlohmann::json*> pending{&document};
  while (!pending.empty()) {
    auto* node = pending.back();
    pending.pop_back();
    if (node->is_string()) {
      auto& text = node->get_ref<std::string&>();
      if (!is_valid_utf8(text)) text = valid_utf8(text), replaced = true;
    } else if (node->is_array()) {
      for (auto& item : node->get_ref<nlohmann::json::array_t&>()) pending.push_back(&item);
    } else if (node->is_object()) {
      // The members themselves, not items()' proxies: every document the collection reads passes here.
      auto& members = node->get_ref<nlohmann::json::object_t&>();
      if (!std::ranges::all_of(members, [](const auto& member) { return is_valid_utf8(member.first); })) {
        nlohmann::json::object_t rebuilt;
        for (auto& [key, value] : members) rebuilt[valid_utf8(key)] = std::move(value);
        members = std::move(rebuilt);
        replaced = true;
      }
      for (auto& [key, value] : members) pending.push_back(&value);
    }
  }
  return replaced;
}

std::string shortened(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(text.substr(0, cut));
  out += "…";
  return out;
}

}  // namespace dockcis::util
