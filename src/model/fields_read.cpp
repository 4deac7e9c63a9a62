// SPDX-License-Identifier: Apache-2.0
#include "model/fields_read.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace dockcis::model {
namespace {

using json = nlohmann::json;

// RFC 6901 reference tokens: "/a~1b/c" -> {"a/b", "c"}.
std::vector<std::string> tokens_of(const std::string& pointer) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '/') {
      tokens.emplace_back();
    } else if (pointer[i] == '~' && i + 1 < pointer.size()) {
      tokens.back() += pointer[++i] == '1' ? '/' : '~';
    } else {
      tokens.back() += pointer[i];
    }
  }
  return tokens;
}

// Copies the value at `pointer` from `from` into `into`, creating the objects
// on the way; stops at the first value that is not an object (kept whole) or
// at a missing member.
void copy_along(const json& from, json& into, const std::string& pointer) {
  const json* source = &from;
  json* target = &into;
  const auto tokens = tokens_of(pointer);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto found = source->find(tokens[i]);
    if (found == source->end()) return;
    if (!target->is_object()) return;
    json& slot = (*target)[tokens[i]];
    if (i + 1 == tokens.size() || !found->is_object()) {
      slot = *found;
      return;
    }
    if (!slot.is_object()) slot = json::object();
    source = &*found;
    target = &slot;
  }
}

}  // namespace

void keep_fields(json& document, const std::vector<std::string>& pointers) {
  if (pointers.empty() || !document.is_object()) return;
  if (std::ranges::find(pointers, std::string()) != pointers.end()) return;
  json kept = json::object();
  for (const auto& text : pointers) {
    if (!text.starts_with('/')) continue;
    copy_along(document, kept, text);
  }
  document = std::move(kept);
}

}  // namespace dockcis::model
