// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
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

  /// Of a document; with `each_element`, of each element of a document that
  /// is an array (a list of entries), any other document kept whole.
  explicit JsonKeep(const std::vector<std::string>& pointers, bool each_element = false);

  /// The node of the document itself.
  [[nodiscard]] static constexpr std::size_t root() { return 0; }
  /// Whether the value at `node` is kept whole (an array there is, unless
  /// elements() names a node for its elements).
  [[nodiscard]] bool whole(std::size_t node) const { return nodes_[node].whole; }
  /// The node of each element of an array at `node`, or kNone: the array is kept whole.
  [[nodiscard]] std::size_t elements(std::size_t node) const { return nodes_[node].elements; }
  /// The node of member `key` of the object at `node`, or kNone when it is not kept.
  [[nodiscard]] std::size_t member(std::size_t node, std::string_view key) const;

  /// `document` reduced in place to the parts kept.
  void trim(nlohmann::json& document) const;

 private:
  struct Node {
    bool whole = false;
    std::size_t elements = kNone;
    std::vector<std::pair<std::string, std::size_t>> members;  ///< token -> node, by length then token: a few, searched per key read
  };
  std::vector<Node> nodes_;
};

}  // namespace dockcis::util
