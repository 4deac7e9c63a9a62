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
  /// Values (scalars, arrays and objects) in the whole text; 0 for no cap
  /// beyond the text's size. A value takes two or three bytes of text (`0,`,
  /// `[],`) and 16 to 60 of memory: a large text of tiny values is the one
  /// whose tree outgrows it, up to twentyfold.
  std::size_t max_values = 0;
  bool allow_comments = false;
};

/// Why a document was refused.
struct JsonError {
  enum class Kind { syntax, too_deep, string_too_long, too_many_values };
  Kind kind = Kind::syntax;
  std::string message;  ///< valid UTF-8, whatever the input
};

class JsonKeep;

/// Parses `text` within `limits`; never throws. An object that holds a key
/// twice is refused (a syntax error naming the key), except with `keep`,
/// where the last of a kept key holds, as nlohmann reads it. With `keep`, the document
/// holds only the parts it keeps (as JsonKeep::trim() leaves them), and what
/// it does not keep is not built; the limits apply to the whole text all the
/// same.
std::expected<nlohmann::json, JsonError> parse_json(std::string_view text, const JsonLimits& limits = {},
                                                    const JsonKeep* keep = nullptr);

/// The values in a document, itself included (walked without recursion).
std::size_t value_count(const nlohmann::json& document);

}  // namespace dockcis::util
