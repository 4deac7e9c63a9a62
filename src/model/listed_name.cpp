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

std::string shown_subject_text(std::string text) {
  if (text.size() <= kShownSubjectText) return text;
  return util::shortened(text, kShownSubjectText);
}

}  // namespace dockcis::model
