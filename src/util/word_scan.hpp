// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

// Eight bytes of text tested at once, for writers that copy long runs of
// plain text and stop only at the few bytes they must rewrite (JSON, XML and
// terminal escapes). Each test is exact for the word as a whole: a borrow
// only crosses from a byte that itself matches.
namespace dockcis::util::words {

inline constexpr std::size_t kWord = sizeof(std::uint64_t);
inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

inline std::uint64_t load(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

/// Some byte is below `limit` (at most 0x80).
constexpr bool any_below(std::uint64_t word, unsigned char limit) { return ((word - kOnes * limit) & ~word & kHigh) != 0; }

/// Some byte is `byte`.
constexpr bool any_equal(std::uint64_t word, unsigned char byte) {
  const auto differences = word ^ (kOnes * byte);
  return ((differences - kOnes) & ~differences & kHigh) != 0;
}

/// Some byte is 0x80 or above (not ASCII).
constexpr bool any_high(std::uint64_t word) { return (word & kHigh) != 0; }

}  // namespace dockcis::util::words
