// SPDX-License-Identifier: Apache-2.0
#include "util/json_pointer.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace dockcis::util {
namespace {

// RFC 6901 array indices: "0" or digits without a leading zero ("-" names no element).
std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return index;
}

// "~1" is '/', "~0" is '~'; any other '~' makes the pointer malformed.
bool unescape(std::string_view token, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~') {
      out += token[i];
      continue;
    }
    if (i + 1 == token.size() || (token[i + 1] != '0' && token[i + 1] != '1')) return false;
    out += token[++i] == '0' ? '~' : '/';
  }
  return true;
}

// How far the walk of a pointer went: the last value reached, the length of
// the pointer's prefix that names it, and why it stopped there.
enum class Halt { resolved, absent, blocked, malformed };
struct Walk {
  const nlohmann::json* at;
  std::size_t reached;
  Halt halt;
};

// Inlined: find_at is the read of every field every predicate judges.
[[gnu::always_inline]] inline Walk walk(const nlohmann::json& document, std::string_view pointer) {
  const nlohmann::json* at = &document;
  if (pointer.empty()) return {at, 0, Halt::resolved};
  if (pointer.front() != '/') return {at, 0, Halt::malformed};
  std::string unescaped;
  for (std::size_t start = 1;;) {
    const auto end = pointer.find('/', start);
    auto token = pointer.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (token.find('~') != std::string_view::npos) {
      if (!unescape(token, unescaped)) return {at, start - 1, Halt::malformed};
      token = unescaped;
    }
    if (at->is_object()) {
      const auto found = at->find(token);
      if (found == at->end()) return {at, start - 1, Halt::absent};
      at = &*found;
    } else if (at->is_array()) {
      const auto index = array_index(token);
      if (!index) return {at, start - 1, Halt::blocked};
      if (*index >= at->size()) return {at, start - 1, Halt::absent};
      at = &(*at)[*index];
    } else {
      return {at, start - 1, at->is_null() ? Halt::absent : Halt::blocked};
    }
    if (end == std::string_view::npos) return {at, pointer.size(), Halt::resolved};
    start = end + 1;
  }
}

}  // namespace

const nlohmann::json* find_at(const nlohmann::json& document, std::string_view pointer) {
  const auto walked = walk(document, pointer);
  return walked.halt == Halt::resolved ? walked.at : nullptr;
}

std::optional<Blocked> blocked_at(const nlohmann::json& document, std::string_view pointer, bool null_blocks) {
  const auto walked = walk(document, pointer);
  const bool blocked = walked.halt == Halt::blocked || (null_blocks && walked.halt == Halt::absent && walked.at->is_null());
  if (!blocked) return std::nullopt;
  const auto next = pointer.substr(walked.reached + 1);
  const bool index_next = !walked.at->is_array() && array_index(next.substr(0, next.find('/'))).has_value();
  return Blocked{pointer.substr(0, walked.reached), walked.at, index_next};
}

}  // namespace dockcis::util
