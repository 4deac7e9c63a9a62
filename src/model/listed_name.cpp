// SPDX-License-Identifier: Apache-2.0
#include "model/listed_name.hpp"

#include <nlohmann/json.hpp>

#include "util/json_access.hpp"
#include "util/utf8.hpp"

namespace dockcis::model {

std::string listed_name(const nlohmann::json& entry) {
  if (!entry.is_object()) return "";
  const auto first_string = [&](const char* field) -> const std::string* {
    const auto found = entry.find(field);
    if (found == entry.end() || !found->is_array() || found->empty() || !(*found)[0].is_string()) return nullptr;
    return &(*found)[0].get_ref<const std::string&>();
  };
  if (const auto* name = first_string("Names")) return name->starts_with('/') ? name->substr(1) : *name;
  if (const auto name = entry.find("Name"); name != entry.end() && name->is_string()) return name->get<std::string>();
  if (const auto* tag = first_string("RepoTags")) return *tag;
  return util::get_or(entry, "Id", std::string()).substr(0, 12);
}

std::string display_name(std::string_view collection, const nlohmann::json& entry) {
  const auto first_string = [&](const char* field) -> std::string {
    const auto found = entry.find(field);
    if (found == entry.end() || !found->is_array() || found->empty() || !(*found)[0].is_string()) return "";
    return (*found)[0].get<std::string>();
  };
  std::string name;
  if (collection == "container") {
    name = first_string("Names");
    if (name.starts_with('/')) name.erase(0, 1);
  } else if (collection == "image") {
    name = first_string("RepoTags");
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
