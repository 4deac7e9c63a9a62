// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockcis::util {

/// What one JSON document may hold. Docker's documents nest about ten levels
/// and hold short strings; beyond these limits a document is refused whole.
struct JsonLimits {
  std::size_t max_depth = 64;
  std::size_t max_string = 4 * 1024 * 1024;
  bool allow_comments = false;
};

/// Why a document was refused.
struct JsonError {
  enum class Kind { syntax, too_deep, string_too_long };
  Kind kind = Kind::syntax;
  std::string message;  ///< valid UTF-8, whatever the input
};

/// Parses `text` within `limits`; never throws.
std::expected<nlohmann::json, JsonError> parse_json(std::string_view text, const JsonLimits& limits = {});

}  // namespace dockcis::util
