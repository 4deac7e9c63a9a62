// SPDX-License-Identifier: Apache-2.0
#include "model/listed_name.hpp"

#include <nlohmann/json.hpp>

#include "util/json_access.hpp"
#include "util/utf8.hpp"

namespace dockcis::model {
namespace {

// The first item of the list `field` of `entry` when it is a text; else nullptr.
const std::string* first_string(const nlohmann::json& entry, const char* field) {
  if (!entry.is_object()) return nullptr;
  const auto found = entry.find(field);
  if (found == entry.end() || !found->is_array() || found->empty() || !(*found)[0].is_string()) return nullptr;
  return &(*found)[0].get_ref<const std::string&>();
}

}  // namespace

std::string listed_name(const nlohmann::json& entry) {
  if (!entry.is_object()) return "";
  if (const auto* name = first_string(entry, "Names")) return name->starts_with('/') ? name->substr(1) : *name;
  if (const auto name = entry.find("Name"); name != entry.end() && name->is_string()) return name->get<std::string>();
  if (const auto* tag = first_string(entry, "RepoTags")) return *tag;
  return util::get_or(entry, "Id", std::string()).substr(0, 12);
}

std::string display_name(std::string_view collection, const nlohmann::json& entry) {
  const auto first_text = [&](const char* field) {
    const auto* text = first_string(entry, field);
    return text != nullptr ? *text : std::string();
  };
  std::string name;
  if (collection == "container") {
    name = first_text("Names");
    if (name.starts_with('/')) name.erase(0, 1);
  } else if (collection == "image") {
    name = first_text("RepoTags");
    if (name == "<none>:<none>") name.clear();
  } else {
    name = util::get_or(entry, "Name", std::string());
  }
  if (!name.empty()) return shown_subject_text(std::move(name));
  auto id = util::get_or(entry, "Id", std::string());
  if (id.starts_with("sha256:")) id.erase(0, 7);
  return id.substr(0, 12);
}

std::string shown_subject_text(std::string text) {
  if (text.size() <= kShownSubjectText) return text;
  return util::shortened(text, kShownSubjectText);
}

}  // namespace dockcis::model
