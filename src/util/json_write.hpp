// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

// Compact JSON text, byte for byte what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes, without its cost:
// text that is valid UTF-8 (all of it, from the fact store on) is scanned
// once and copied in runs, and nesting is walked with a stack of its own
// rather than by recursion.
namespace dockcis::util {

/// A JSON string: quoted, escaped; bytes that are not UTF-8 become U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// Any JSON value, compact.
void append_json(std::string& out, const nlohmann::json& value);

/// Any JSON value, compact, each string and key longer than `max_text`
/// bytes shortened() (valid UTF-8 text assumed, as the fact store holds).
void append_json_shown(std::string& out, const nlohmann::json& value, std::size_t max_text);

/// As append_json_shown(), but only while the text stays within `max_total`
/// bytes: false when it does not, `out` then holding the text's start and a
/// little more, which is not JSON. The work is bounded too: a list of a
/// million items is not written out to be cut.
bool append_json_within(std::string& out, const nlohmann::json& value, std::size_t max_text, std::size_t max_total);

/// Any JSON value as dump(indent) writes it, `depth` levels down a document
/// so indented: each line after the first starts with indent * depth more
/// spaces. An indent of 0 is compact, as append_json() (nlohmann's dump(0)
/// would still break lines).
void append_json_indented(std::string& out, const nlohmann::json& value, std::size_t indent, std::size_t depth);

/// A document written member by member, as dump(indent) would write the same
/// document (indent > 0), `depth` levels down: for documents made many times
/// over (one per finding), where building a json first costs most of the time.
/// The caller gives an object's members in nlohmann's order (sorted by name).
class IndentedJsonWriter {
 public:
  IndentedJsonWriter(std::string& out, std::size_t indent, std::size_t depth) : out_(out), indent_(indent), depth_(depth) {}

  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  /// Closes the innermost object or list.
  void end();
  /// The next member's name, in an object.
  void key(std::string_view name);
  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::size_t number);
  /// A value held as a document already.
  void document(const nlohmann::json& value);

 private:
  void open(char bracket);
  void before_value();
  void new_line(std::size_t level);

  std::string& out_;
  std::size_t indent_;
  std::size_t depth_;
  std::string closers_;     ///< of the open objects and lists, innermost last
  std::vector<bool> has_items_;  ///< per open container: whether it holds something yet
  bool after_key_ = false;
};

}  // namespace dockcis::util
