// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockcis::engine {

using json = nlohmann::json;

/// One problem in an input file (check, profile, tailoring, waivers),
/// located by file and JSON pointer.
struct Diagnostic {
  std::string file;
  std::string pointer;
  std::string message;
  std::string hint;  ///< "did you mean ..." when a close name exists
  /// "file:/pointer: message (hint)"
  [[nodiscard]] std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

/// "N problem(s) in <what>:" and one indented line per diagnostic.
std::string describe(const Diagnostics& diagnostics, std::string_view what);

/// Reads one JSON document of an input file and records every problem in it,
/// so a user sees them all at once; the pointer grows as callers descend.
class DocumentReader {
 public:
  DocumentReader(std::string file, Diagnostics& out) : file_(std::move(file)), out_(out) {}

  void report(const std::string& pointer, std::string message, std::string hint = {});
  /// Unknown keys are errors, with the closest allowed key as a hint.
  void only_keys(const json& object, const std::string& pointer, const std::vector<std::string>& allowed);
  /// A string member; a missing required one or a non-string is reported.
  std::string string_field(const json& object, const std::string& pointer, const char* key, bool required);
  /// A string that must be one of `allowed`, reported with a "did you mean".
  bool one_of(const std::string& value, const std::vector<std::string>& allowed, const std::string& pointer,
              std::string_view what);
  std::vector<std::string> string_array(const json& node, const std::string& pointer);
  /// The text parsed as JSON (comments allowed); nullopt, with a diagnostic, when it does not parse.
  std::optional<json> parse(std::string_view text);

  [[nodiscard]] const std::string& file() const { return file_; }
  /// A key as it appears in a JSON pointer ("~" -> "~0", "/" -> "~1").
  static std::string escape(std::string_view key);

 private:
  std::string file_;
  Diagnostics& out_;
};

/// The "did you mean 'x'?" hint for the closest candidate, "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace dockcis::engine
