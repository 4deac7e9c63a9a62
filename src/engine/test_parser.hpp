// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <set>
#include <string>

#include "engine/diagnostics.hpp"
#include "model/check.hpp"
#include "model/fact_kinds.hpp"

namespace dockcis::engine {

/// Tests nest at most this deep; deeper ones are a load error, not a recursion.
inline constexpr int kMaxTestDepth = 16;

/// What a test in a check may read: the collection the check runs over
/// (nullptr for a host-wide check), and the parameters it names so far.
struct TestScope {
  const model::Collection* collection = nullptr;
  std::set<std::string>* params_used = nullptr;
};

/// A test expression (predicate or combinator) as written in a check file,
/// validated against the fact registry and the operator table.
std::optional<model::Test> parse_test(DocumentReader& reader, const json& node, const std::string& pointer,
                                      const TestScope& scope, int depth = 0);

/// Reports a fact name the registry does not know, or one used outside its collection.
void check_fact_name(DocumentReader& reader, const std::string& pointer, const std::string& fact,
                     const model::Collection* collection);

/// Whether `text` is an RFC 6901 JSON pointer.
bool valid_pointer(const std::string& text);

}  // namespace dockcis::engine
