// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/object_id.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "util/json_write.hpp"

namespace dockcis::collect {
namespace {

// Docker's ids are 64 hex digits, images' with "sha256:"; other engines'
// (Podman's, a registry digest) stay within these bytes and this length.
constexpr std::size_t kMaxIdBytes = 256;

bool id_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-';
}

// An id in a message: escaped, so a NUL or a control cannot reach a report
// raw, and cut, so a megabyte id is not copied into every result it fails.
std::string shown_id(std::string_view id) {
  constexpr std::size_t kShown = 80;
  std::string out;
  util::append_json_string(out, id.substr(0, kShown));
  if (id.size() > kShown) out += "... (" + std::to_string(id.size()) + " bytes)";
  return out;
}

}  // namespace

std::optional<model::Unavailable> unusable_id(std::string_view collection, std::string_view id) {
  // "..", "/", "?" or "#" would make the request name another endpoint.
  const bool usable = !id.empty() && id.size() <= kMaxIdBytes && std::ranges::all_of(id, id_byte) && !id.contains("..") && id != ".";
  if (usable) return std::nullopt;
  return model::Unavailable{"the engine listed " + std::string(collection == "image" ? "an " : "a ") + std::string(collection) +
                                " id that is not an id: " + shown_id(id) + "; it was not asked for",
                            model::ErrorKind::malformed_answer};
}

// Docker lists and inspects by the same full id, so the two must be equal: a
// prefix match would let the document of a container whose id starts with
// the listed one stand for it. An inspect without an Id is refused too:
// every engine names the document it answers.
std::optional<model::Unavailable> foreign_inspect(std::string_view collection, std::string_view listed_id, const nlohmann::json& document,
                                                  std::string_view source) {
  if (!document.is_object()) return std::nullopt;
  const auto found = document.find("Id");
  if (found == document.end() || !found->is_string()) {
    return model::Unavailable{std::string(source) + " answered the inspect of " + std::string(collection) + " " + shown_id(listed_id) +
                                  " with a document that has no text /Id",
                              model::ErrorKind::malformed_answer};
  }
  const auto& answered = found->get_ref<const std::string&>();
  if (answered == listed_id) return std::nullopt;
  return model::Unavailable{std::string(source) + " answered the inspect of " + std::string(collection) + " " + shown_id(listed_id) +
                                " with the document of " + shown_id(answered),
                            model::ErrorKind::malformed_answer};
}

bool is_list_of_ids(const nlohmann::json& list, const char* id_field) {
  return list.is_array() && std::ranges::all_of(list, [&](const nlohmann::json& entry) {
           const auto id = entry.is_object() ? entry.find(id_field) : entry.end();
           return entry.is_object() && id != entry.end() && id->is_string();
         });
}

// The first entry of an id wins: the engine lists each object once, so a
// repeat is a fault, and the first is as good as any and keeps the order.
void drop_repeated_ids(nlohmann::json& list) {
  std::unordered_set<std::string> seen;
  auto& entries = list.get_ref<nlohmann::json::array_t&>();
  std::erase_if(entries, [&](const nlohmann::json& entry) { return !seen.insert(entry["Id"].get<std::string>()).second; });
}

}  // namespace dockcis::collect
