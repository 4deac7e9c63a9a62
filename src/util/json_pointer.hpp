// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockcis::util {

/// The value at the RFC 6901 `pointer` in `document`, or nullptr when the
/// pointer is malformed or anything on the way is missing: what nlohmann's
/// contains() and at() find, in one walk, without building a json_pointer
/// and without throwing (an array index too large for size_t is missing).
/// Checks read a field per predicate per container: this is that read.
const nlohmann::json* find_at(const nlohmann::json& document, std::string_view pointer);

}  // namespace dockcis::util
