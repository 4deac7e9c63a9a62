// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// XML elements written straight to text, byte for byte as pugixml prints the
// same elements indented (pugi::format_default): for the elements a report
// repeats once per container and check, where building each in a DOM and
// printing it was most of the report's cost.
namespace dockcis::report {

/// `text` escaped as pugixml escapes character data (`attribute`: an
/// attribute's value): &, < and > (> not in an attribute, " only there),
/// control characters as &#NN; (tab, line feed and carriage return only in an attribute).
void append_xml_escaped(std::string& out, std::string_view text, bool attribute);

/// Elements `depth` levels down a document indented by `indent`. As pugixml
/// takes C strings, a value's text ends at a NUL.
class IndentedXml {
 public:
  using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  IndentedXml(std::string& out, std::string_view indent, std::size_t depth) : out_(out), indent_(indent), depth_(depth) {}

  /// `<name attributes>` on a line of its own; its children follow until close().
  void open(std::string_view name, Attributes attributes = {});
  /// `</name>` of the innermost open element.
  void close();
  /// `<name attributes>text</name>`.
  void text(std::string_view name, Attributes attributes, std::string_view text);
  /// `<name attributes />`.
  void empty(std::string_view name, Attributes attributes);

 private:
  void start(std::string_view name, Attributes attributes);
  void indent(std::size_t level);

  std::string& out_;
  std::string_view indent_;
  std::size_t depth_;
  std::vector<std::string_view> open_;  ///< names of the open elements, innermost last
  std::string pad_;                     ///< `indent` repeated, as deep as written so far
};

}  // namespace dockcis::report
