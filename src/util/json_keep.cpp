// SPDX-License-Identifier: Apache-2.0
#include "util/json_keep.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace dockcis::util {
namespace {

// RFC 6901 reference tokens of a pointer that starts with '/': "/a~1b/c" ->
// {"a/b", "c"}; "~" followed by anything but "1" is "~".
std::vector<std::string> tokens_of(std::string_view pointer) {
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

// Members are ordered by length first: most keys a lookup meets differ in
// length from the token it is compared with, which settles the comparison
// without reading either string.
struct ShorterFirst {
  bool operator()(std::string_view a, std::string_view b) const { return a.size() != b.size() ? a.size() < b.size() : a < b; }
};

}  // namespace

JsonKeep::JsonKeep(const std::vector<std::string>& pointers, bool each_element) : nodes_(1) {
  std::size_t top = root();
  if (each_element) {
    // The list itself, whole unless it is an array, whose entries are the documents.
    nodes_[0].whole = true;
    nodes_[0].elements = top = nodes_.size();
    nodes_.emplace_back();
  }
  nodes_[top].whole = pointers.empty();
  for (const auto& pointer : pointers) {
    if (pointer.empty()) nodes_[top].whole = true;
    if (!pointer.starts_with('/')) continue;
    std::size_t node = top;
    for (auto& token : tokens_of(pointer)) {
      auto& members = nodes_[node].members;
      auto found = std::ranges::lower_bound(members, std::string_view(token), ShorterFirst{}, &std::pair<std::string, std::size_t>::first);
      if (found == members.end() || found->first != token) {
        found = members.emplace(found, std::move(token), nodes_.size());
        node = found->second;
        nodes_.emplace_back();  // after `found` is read: it may move `members`
        continue;
      }
      node = found->second;
    }
    nodes_[node].whole = true;
  }
}

std::size_t JsonKeep::member(std::size_t node, std::string_view key) const {
  const auto& members = nodes_[node].members;
  const auto found = std::ranges::lower_bound(members, key, ShorterFirst{}, &std::pair<std::string, std::size_t>::first);
  return found == members.end() || found->first != key ? kNone : found->second;
}

void JsonKeep::trim(nlohmann::json& document) const {
  // Each object is reduced to its kept members, parents before children.
  std::vector<std::pair<nlohmann::json*, std::size_t>> pending{{&document, root()}};
  while (!pending.empty()) {
    const auto [value, node] = pending.back();
    pending.pop_back();
    if (value->is_array() && elements(node) != kNone) {
      for (auto& element : *value) pending.emplace_back(&element, elements(node));
      continue;
    }
    if (whole(node) || !value->is_object()) continue;
    auto& members = value->get_ref<nlohmann::json::object_t&>();
    for (auto at = members.begin(); at != members.end();) {
      const auto kept = member(node, at->first);
      if (kept == kNone) {
        at = members.erase(at);
      } else {
        pending.emplace_back(&at->second, kept);
        ++at;
      }
    }
  }
}

}  // namespace dockcis::util
