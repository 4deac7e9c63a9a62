// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace dockcis::util {

/// The parts of a document kept for a set of RFC 6901 pointers: the value at
/// each pointer whole, with the objects leading to it. A pointer that passes
/// through a value that is not an object (an array, a string) keeps that
/// value whole; one that finds nothing keeps nothing. No pointer at all, or
/// "", keeps the whole document, as does a document that is not an object.
/// Pointers that do not start with '/' keep nothing. Held as a tree of the
/// pointers' tokens, walked beside the document: by trim() on a document
/// read, or by parse_json() while it builds one, so that what is not kept is
/// never built.
class JsonKeep {
 public:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  explicit JsonKeep(const std::vector<std::string>& pointers);

  /// The node of the document itself.
  [[nodiscard]] static constexpr std::size_t root() { return 0; }
  /// Whether the value at `node` is kept whole.
  [[nodiscard]] bool whole(std::size_t node) const { return nodes_[node].whole; }
  /// The node of member `key` of the object at `node`, or kNone when it is not kept.
  [[nodiscard]] std::size_t member(std::size_t node, std::string_view key) const;

  /// `document` reduced in place to the parts kept.
  void trim(nlohmann::json& document) const;

 private:
  struct Node {
    bool whole = false;
    std::map<std::string, std::size_t, std::less<>> members;  ///< token -> node
  };
  std::vector<Node> nodes_;
};

}  // namespace dockcis::util
