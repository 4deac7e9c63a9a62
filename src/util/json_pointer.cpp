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

}  // namespace

const nlohmann::json* find_at(const nlohmann::json& document, std::string_view pointer) {
  const nlohmann::json* at = &document;
  if (pointer.empty()) return at;
  if (pointer.front() != '/') return nullptr;
  std::string unescaped;
  for (std::size_t start = 1;;) {
    const auto end = pointer.find('/', start);
    auto token = pointer.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (token.find('~') != std::string_view::npos) {
      if (!unescape(token, unescaped)) return nullptr;
      token = unescaped;
    }
    if (at->is_object()) {
      const auto found = at->find(token);
      if (found == at->end()) return nullptr;
      at = &*found;
    } else if (at->is_array()) {
      const auto index = array_index(token);
      if (!index || *index >= at->size()) return nullptr;
      at = &(*at)[*index];
    } else {
      return nullptr;
    }
    if (end == std::string_view::npos) return at;
    start = end + 1;
  }
}

}  // namespace dockcis::util
