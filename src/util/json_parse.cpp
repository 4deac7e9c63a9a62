// SPDX-License-Identifier: Apache-2.0
#include "util/json_parse.hpp"

#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

#include "util/json_keep.hpp"
#include "util/utf8.hpp"

namespace dockcis::util {
namespace {

using nlohmann::json;

// nlohmann's DOM builder behind a SAX filter that refuses a document nesting
// deeper or holding longer text than allowed. The parser keeps its own stack
// (no recursion); a plain SAX handler costs about half of the callback
// parser, whose per-value bookkeeping was most of reading a snapshot.
// json_sax_dom_parser is the builder json::parse itself uses (in nlohmann's
// detail namespace since 3.0; Debian 12 ships 3.11.2).
class BoundedDom {
 public:
  BoundedDom(json& result, const JsonLimits& limits, bool refuse_repeats)
      : dom_(result, false), limits_(limits), refuse_repeats_(refuse_repeats) {}

  bool null() { return counted() && dom_.null(); }
  bool boolean(bool value) { return counted() && dom_.boolean(value); }
  bool number_integer(json::number_integer_t value) { return counted() && dom_.number_integer(value); }
  bool number_unsigned(json::number_unsigned_t value) { return counted() && dom_.number_unsigned(value); }
  bool number_float(json::number_float_t value, const std::string& text) { return counted() && dom_.number_float(value, text); }
  bool string(std::string& value) { return counted() && short_enough(value) && dom_.string(value); }
  bool binary(json::binary_t& value) { return counted() && dom_.binary(value); }
  bool start_object(std::size_t elements) {
    if (!opens()) return false;
    keys_.emplace_back();
    return dom_.start_object(elements);
  }
  bool key(std::string& value) { return short_enough(value) && first_time(value) && dom_.key(value); }
  bool end_object() {
    --depth_;
    keys_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t elements) { return opens() && dom_.start_array(elements); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& error) {
    refused_ = JsonError{JsonError::Kind::syntax, valid_utf8(error.what())};
    return dom_.parse_error(position, token, error);
  }

  const std::optional<JsonError>& refused() const { return refused_; }

 private:
  bool counted() {
    if (limits_.max_values == 0 || ++values_ <= limits_.max_values) return true;
    refused_ = JsonError{JsonError::Kind::too_many_values, "holds more than " + std::to_string(limits_.max_values) + " values"};
    return false;
  }
  bool opens() {
    if (!counted()) return false;
    if (depth_ >= limits_.max_depth) {
      refused_ = JsonError{JsonError::Kind::too_deep, "nested deeper than " + std::to_string(limits_.max_depth) + " levels"};
      return false;
    }
    ++depth_;
    return true;
  }
  // A key given twice in one object: readers disagree on which one holds
  // (Go and nlohmann keep the last, others the first), so neither is taken.
  // Not where parts are kept: the fast path does not look at the parts it
  // skips, and the two paths must agree (a kept key given twice is the last).
  bool first_time(const std::string& key) {
    if (!refuse_repeats_ || keys_.back().insert(key).second) return true;
    refused_ = JsonError{JsonError::Kind::syntax, "holds the key \"" + valid_utf8(key.substr(0, 80)) + "\" twice in one object"};
    return false;
  }
  bool short_enough(const std::string& value) {
    if (value.size() <= limits_.max_string) return true;
    refused_ = JsonError{JsonError::Kind::string_too_long, "holds a text longer than " + std::to_string(limits_.max_string / 1024) + " KiB"};
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  const JsonLimits& limits_;
  bool refuse_repeats_;
  std::size_t depth_ = 0;
  std::size_t values_ = 0;
  std::vector<std::unordered_set<std::string>> keys_;  ///< of each object open, innermost last
  std::optional<JsonError> refused_;
};

// simdjson's document takes about 14 bytes per byte of text while it is
// read. Documents up to kKeptParser (an inspect document) are read by one
// parser per thread, kept between calls and grown only when needed (an audit
// reads a thousand); larger ones up to kLargestQuick (a container list, a
// facts snapshot) by a parser of their own, freed right after; larger still
// go the SAX way, which holds nothing but the result.
constexpr std::size_t kKeptParser = 64 * 1024;
constexpr std::size_t kLargestQuick = 4 * 1024 * 1024;

// "-0" is a signed integer to nlohmann, 0 to simdjson, which nlohmann reads
// as unsigned: a document that may hold one (or "-0" in a string) goes the slow way.
bool may_hold_negative_zero(std::string_view text) {
  for (auto at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 2)) {
    const auto next = at + 2 < text.size() ? text[at + 2] : ' ';
    if (next != '.' && next != 'e' && next != 'E' && (next < '0' || next > '9')) return true;
  }
  return false;
}

// A number, true, false or null as nlohmann reads it: an integer without a
// sign is unsigned, with one signed.
json scalar(const simdjson::dom::element& element) {
  switch (element.type()) {
    case simdjson::dom::element_type::INT64: {
      const auto value = element.get_int64().value_unsafe();
      if (value >= 0) return static_cast<json::number_unsigned_t>(value);
      return static_cast<json::number_integer_t>(value);
    }
    case simdjson::dom::element_type::UINT64: return element.get_uint64().value_unsafe();
    case simdjson::dom::element_type::DOUBLE: return element.get_double().value_unsafe();
    case simdjson::dom::element_type::BOOL: return element.get_bool().value_unsafe();
    default: return nullptr;
  }
}

// A value of the simdjson document and where it goes: `target` is null for a
// value not kept (checked against the limits all the same, so that a
// document is refused or read alike whatever is kept), `node` its place
// among the kept parts (kAll inside a value kept whole).
struct Pending {
  simdjson::dom::element element;
  json* target;
  std::size_t depth;  ///< of the arrays and objects around it
  std::size_t node;
};
constexpr std::size_t kAll = JsonKeep::kNone - 1;

// An object's members into `pending` (and into its target, those kept);
// false where nlohmann would read it otherwise (a duplicate key) or a key is too long.
bool take_object(const Pending& at, const simdjson::dom::object& object, const JsonKeep* keep, std::size_t max_string,
                 std::vector<Pending>& pending) {
  const bool all = at.node == kAll || (at.target != nullptr && keep->whole(at.node));
  json::object_t* members = nullptr;
  if (at.target != nullptr) {
    *at.target = json::object();
    members = &at.target->get_ref<json::object_t&>();
  }
  for (const auto [key, value] : object) {
    if (key.size() > max_string) return false;
    const auto node = all ? kAll : at.target == nullptr ? JsonKeep::kNone : keep->member(at.node, key);
    if (node == JsonKeep::kNone) {
      pending.push_back({value, nullptr, at.depth + 1, node});
      continue;
    }
    // Keys in order (nlohmann wrote them so: snapshots, reports) go in at the end without a search.
    const auto hint = !members->empty() && members->rbegin()->first < key ? members->end() : members->lower_bound(key);
    if (hint != members->end() && hint->first == key) return false;  // the SAX path words the refusal of a repeated key
    const auto slot = members->emplace_hint(hint, std::string(key), nullptr);
    pending.push_back({value, &slot->second, at.depth + 1, node});
  }
  return true;
}

// The fast path: simdjson reads the text and its document is copied into
// nlohmann's form, without recursion, only what `keep` keeps (all without
// it). Anything it does not take as it is (a syntax error, a number beyond
// 64 bits, a duplicate key, a limit reached) gives nullopt, and the SAX path
// below decides and words the answer: the two never disagree on what a
// document holds.
std::optional<json> read_quickly(std::string_view text, const JsonLimits& limits, const JsonKeep* keep) {
  if (may_hold_negative_zero(text)) return std::nullopt;
  if (text.size() > kLargestQuick) return std::nullopt;
  const auto depth = std::min<std::size_t>(limits.max_depth, 1024) + 1;  // deeper documents go the slow way
  thread_local simdjson::dom::parser kept;
  std::unique_ptr<simdjson::dom::parser> own;
  auto* parser = &kept;
  if (text.size() > kKeptParser) {
    own = std::make_unique<simdjson::dom::parser>();
    parser = own.get();
  }
  if (parser->capacity() < text.size() || parser->max_depth() != depth) {
    const auto capacity = parser == &kept ? kKeptParser : text.size();
    if (parser->allocate(capacity, depth) != simdjson::SUCCESS) return std::nullopt;
  }
  simdjson::dom::element root;
  if (parser->parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
  json result;
  std::vector<Pending> pending{{root, &result, 0, keep == nullptr ? kAll : JsonKeep::root()}};
  std::size_t values = 0;
  while (!pending.empty()) {
    const auto at = pending.back();
    pending.pop_back();
    if (limits.max_values != 0 && ++values > limits.max_values) return std::nullopt;
    auto* const target = at.target;
    switch (at.element.type()) {
      case simdjson::dom::element_type::ARRAY: {
        if (at.depth >= limits.max_depth) return std::nullopt;
        simdjson::dom::array array;
        if (at.element.get_array().get(array) != simdjson::SUCCESS) return std::nullopt;
        if (target == nullptr) {
          for (const auto item : array) pending.push_back({item, nullptr, at.depth + 1, JsonKeep::kNone});
          break;
        }
        // An array is kept whole, also where a pointer goes on through it,
        // unless its elements have a node of their own (a list's entries).
        const auto each = at.node == kAll ? kAll : keep->elements(at.node);
        *target = json::array();
        auto& items = target->get_ref<json::array_t&>();
        items.resize(array.size());
        std::size_t index = 0;
        for (const auto item : array) pending.push_back({item, &items[index++], at.depth + 1, each == JsonKeep::kNone ? kAll : each});
        break;
      }
      case simdjson::dom::element_type::OBJECT: {
        if (at.depth >= limits.max_depth) return std::nullopt;
        simdjson::dom::object object;
        if (at.element.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
        if (!take_object(at, object, keep, limits.max_string, pending)) return std::nullopt;
        break;
      }
      case simdjson::dom::element_type::STRING: {
        const auto value = at.element.get_string().value_unsafe();
        if (value.size() > limits.max_string) return std::nullopt;
        if (target != nullptr) *target = std::string(value);
        break;
      }
      default:
        if (target != nullptr) *target = scalar(at.element);
    }
  }
  return result;
}

}  // namespace

std::expected<json, JsonError> parse_json(std::string_view text, const JsonLimits& limits, const JsonKeep* keep) {
  // JSON holds no raw NUL, in a string or out (RFC 8259); nlohmann's lexer,
  // which reads what simdjson refuses, takes one as the end of its input,
  // so "{}\0anything" would be read as "{}".
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return std::unexpected(JsonError{JsonError::Kind::syntax, "a NUL byte at offset " + std::to_string(nul)});
  }
  // simdjson takes no comments, so text it accepts holds none and reads the
  // same with them allowed; a check file with comments goes the SAX way.
  // simdjson refuses text that is not UTF-8, so what it takes needs no check.
  if (auto quick = read_quickly(text, limits, keep)) return std::move(*quick);
  // Bytes that are not UTF-8 (Latin-1 names and labels) can only sit inside
  // strings: they become U+FFFD, as everywhere facts are stored, instead of
  // making the whole document unreadable.
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = valid_utf8(text);
    text = repaired;
    if (auto quick = read_quickly(text, limits, keep)) return std::move(*quick);
  }
  json result;
  BoundedDom handler(result, limits, keep == nullptr);
  try {
    const bool parsed = json::sax_parse(text.begin(), text.end(), &handler, json::input_format_t::json, true, limits.allow_comments);
    if (handler.refused()) return std::unexpected(*handler.refused());
    if (!parsed) return std::unexpected(JsonError{JsonError::Kind::syntax, "not a JSON document"});
    if (keep != nullptr) keep->trim(result);
    return result;
  } catch (const json::exception& error) {
    return std::unexpected(JsonError{JsonError::Kind::syntax, valid_utf8(error.what())});
  }
}

std::size_t value_count(const json& document) {
  std::size_t count = 0;
  std::vector<const json*> pending{&document};
  while (!pending.empty()) {
    const json* value = pending.back();
    pending.pop_back();
    ++count;
    if (value->is_structured()) {
      for (const auto& child : *value) pending.push_back(&child);
    }
  }
  return count;
}

}  // namespace dockcis::util
