// SPDX-License-Identifier: Apache-2.0
// util::parse_json, which reads through simdjson first and falls back to
// nlohmann's bounded SAX parser, checked against nlohmann's own parser: a
// document it accepts must be one nlohmann accepts, with the same values and
// number types, and within the limits it was given; with comments allowed
// (check files), the same against nlohmann's parser ignoring comments.
// util::append_json and append_json_indented, the writers of evidence and
// reports, must write what nlohmann's dump does, compact and indented, for
// the document and for the input taken as one string. parse_json with kept
// parts (pointers taken from the document, some going on through values
// that are not objects) must read what parse_json reads, trimmed by
// JsonKeep::trim, of the document and of each element of a list; a document
// refused for a key given twice reads with kept parts as nlohmann's parse of
// it, trimmed. Input: any bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/json_keep.hpp"
#include "util/json_parse.hpp"
#include "util/json_write.hpp"
#include "util/utf8.hpp"

using nlohmann::json;

namespace {

constexpr std::size_t kMaxDepth = 16;
constexpr std::size_t kMaxString = 64;

// Same types and values all the way down, and within the limits; no recursion.
bool same_within_limits(const json& left, const json& right) {
  struct Pair {
    const json* a;
    const json* b;
    std::size_t depth;
  };
  std::vector<Pair> pending{{&left, &right, 0}};
  while (!pending.empty()) {
    const auto [a, b, depth] = pending.back();
    pending.pop_back();
    if (a->type() != b->type() || a->size() != b->size()) return false;
    if (a->is_structured() && depth >= kMaxDepth) return false;
    if (a->is_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) pending.push_back({&(*a)[i], &(*b)[i], depth + 1});
    } else if (a->is_object()) {
      for (auto it = a->begin(); it != a->end(); ++it) {
        if (it.key().size() > kMaxString || !b->contains(it.key())) return false;
        pending.push_back({&it.value(), &b->at(it.key()), depth + 1});
      }
    } else if (a->is_string() && a->get_ref<const std::string&>().size() > kMaxString) {
      return false;
    } else if (*a != *b || a->dump() != b->dump()) {
      return false;
    }
  }
  return true;
}

// RFC 6901 reference token of a key.
std::string token(const std::string& key) {
  std::string escaped;
  for (const char c : key) escaped += c == '/' ? "~1" : c == '~' ? "~0" : std::string(1, c);
  return escaped;
}

// Pointers to some of the document's members: every other top-level one,
// into the first member of each object among them, and one that goes on
// through whatever it finds.
std::vector<std::string> pointers_into(const json& document, std::size_t size) {
  std::vector<std::string> pointers;
  if (!document.is_object()) return {"/x"};
  std::size_t index = 0;
  for (auto it = document.begin(); it != document.end(); ++it, ++index) {
    const auto pointer = "/" + token(it.key());
    if ((index + size) % 2 == 0) pointers.push_back(pointer);
    if (it->is_object() && !it->empty()) pointers.push_back(pointer + "/" + token(it->begin().key()));
    if (index == 1) pointers.push_back(pointer + "/0/y");
  }
  return pointers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string quoted;
  dockcis::util::append_json_string(quoted, text);
  if (quoted != json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace)) std::abort();
  dockcis::util::JsonLimits limits;
  limits.max_depth = kMaxDepth;
  limits.max_string = kMaxString;
  // parse_json reads bytes that are not UTF-8 as U+FFFD; so is the reference given them.
  const auto repaired = dockcis::util::valid_utf8(text);
  limits.allow_comments = true;
  if (const auto commented = dockcis::util::parse_json(text, limits)) {
    const auto reference = json::parse(repaired, nullptr, false, true);
    if (reference.is_discarded() || !same_within_limits(*commented, reference)) std::abort();
  }
  limits.allow_comments = false;
  const auto parsed = dockcis::util::parse_json(text, limits);
  if (!parsed) {
    // A key given twice refuses the whole document; with parts kept, the
    // last of a kept key holds, as nlohmann reads it: the same as its parse, trimmed.
    if (parsed.error().message.find("twice in one object") == std::string::npos) return 0;
    auto whole = json::parse(repaired, nullptr, false);
    if (whole.is_discarded()) return 0;  // the key came before a syntax error
    const dockcis::util::JsonKeep keep(pointers_into(whole, size));
    const auto kept = dockcis::util::parse_json(text, limits, &keep);
    keep.trim(whole);
    if (kept && !same_within_limits(*kept, whole)) std::abort();
    return 0;
  }
  const auto reference = json::parse(repaired, nullptr, false);
  if (reference.is_discarded() || !same_within_limits(*parsed, reference)) std::abort();
  const dockcis::util::JsonKeep keep(pointers_into(*parsed, size));
  auto trimmed = *parsed;
  keep.trim(trimmed);
  const auto kept = dockcis::util::parse_json(text, limits, &keep);
  if (!kept || !same_within_limits(*kept, trimmed)) std::abort();
  // The same for each element of a list, with pointers into its first entry.
  const auto first = parsed->is_array() && !parsed->empty() ? (*parsed)[0] : json::object();
  const dockcis::util::JsonKeep each(pointers_into(first, size), true);
  trimmed = *parsed;
  each.trim(trimmed);
  const auto kept_each = dockcis::util::parse_json(text, limits, &each);
  if (!kept_each || !same_within_limits(*kept_each, trimmed)) std::abort();
  std::string written;
  dockcis::util::append_json(written, *parsed);
  if (written != parsed->dump(-1, ' ', false, json::error_handler_t::replace)) std::abort();
  written.clear();
  dockcis::util::append_json_indented(written, *parsed, 2, 0);
  if (written != parsed->dump(2, ' ', false, json::error_handler_t::replace)) std::abort();
  return 0;
}
