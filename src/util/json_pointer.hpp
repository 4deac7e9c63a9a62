// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockcis::util {

/// The value at the RFC 6901 `pointer` in `document`, or nullptr when the
/// pointer is malformed or anything on the way is missing: what nlohmann's
/// contains() and at() find, in one walk, without building a json_pointer
/// and without throwing (an array index too large for size_t is missing).
/// Checks read a field per predicate per container: this is that read.
const nlohmann::json* find_at(const nlohmann::json& document, std::string_view pointer);

/// Where the walk of `pointer` met a value that cannot hold its next name:
/// a text, number or boolean, or a list asked for a name that is not an
/// index. A document of another shape, not one that lacks a field.
struct Blocked {
  std::string_view pointer;     ///< the prefix of `pointer` that names the value
  const nlohmann::json* value;  ///< never null
  bool index_next;              ///< the next name is an index: a list would have done
};

/// The value that stopped the walk of `pointer`, when one did; nothing when
/// the pointer resolves, is malformed, or names a field or index that is
/// absent. A null on the way is absent (Go's encoder writes null for an
/// empty map) unless `null_blocks`: a document whose writer never writes one.
std::optional<Blocked> blocked_at(const nlohmann::json& document, std::string_view pointer, bool null_blocks = false);

}  // namespace dockcis::util
