// SPDX-License-Identifier: Apache-2.0
#include "util/version.hpp"

#include <algorithm>
#include <vector>

namespace dockcis::util {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The run of digits at the start of `text`, taken off it, without its leading zeros.
std::string_view take_number(std::string_view& text) {
  std::size_t end = 0;
  while (end < text.size() && is_digit(text[end])) ++end;
  auto number = text.substr(0, end);
  text.remove_prefix(end);
  number.remove_prefix(std::min(number.size(), number.find_first_not_of('0')));
  return number;
}

// The parts before the first character that is neither a digit nor a dot,
// each without its leading zeros ("" is 0).
std::vector<std::string_view> version_parts(std::string_view text) {
  text = text.substr(0, std::min(text.size(), text.find_first_not_of("0123456789.")));
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const auto dot = text.find('.');
    auto part = text.substr(0, dot);
    part.remove_prefix(std::min(part.size(), part.find_first_not_of('0')));
    parts.push_back(part);
    text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  }
  return parts;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  const auto x = version_parts(a), y = version_parts(b);
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const auto left = i < x.size() ? x[i] : std::string_view();
    const auto right = i < y.size() ? y[i] : std::string_view();
    // Without leading zeros, the longer digit string is the larger number.
    if (left.size() != right.size()) return left.size() < right.size() ? -1 : 1;
    if (const int order = left.compare(right); order != 0) return order < 0 ? -1 : 1;
  }
  return 0;
}

int compare_natural(std::string_view a, std::string_view b) {
  const auto whole_a = a, whole_b = b;
  while (!a.empty() && !b.empty()) {
    if (is_digit(a.front()) && is_digit(b.front())) {
      const auto left = take_number(a), right = take_number(b);
      if (left.size() != right.size()) return left.size() < right.size() ? -1 : 1;
      if (const int order = left.compare(right); order != 0) return order < 0 ? -1 : 1;
      continue;
    }
    if (a.front() != b.front()) return static_cast<unsigned char>(a.front()) < static_cast<unsigned char>(b.front()) ? -1 : 1;
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  if (a.empty() != b.empty()) return a.empty() ? -1 : 1;
  // Equal as numbers ("1.08" and "1.8"): byte order decides, so that the order is total.
  const int order = whole_a.compare(whole_b);
  return order == 0 ? 0 : (order < 0 ? -1 : 1);
}

}  // namespace dockcis::util
