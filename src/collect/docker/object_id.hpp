// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/unavailable.hpp"

// The ids the Engine API lists, checked before dockcis trusts them: as a part
// of a request path, and as the name of the document an inspect answers.
namespace dockcis::collect {

/// Why `id`, listed by the engine as a `collection` ("container") id, may not
/// go into a request path; nothing when it may: 1 to 256 bytes of
/// [A-Za-z0-9_.:-], without "..".
std::optional<model::Unavailable> unusable_id(std::string_view collection, std::string_view id);

/// Why the inspect `document` is not the one of `listed_id`; nothing when it
/// is. `source` names where the document came from, for the message.
std::optional<model::Unavailable> foreign_inspect(std::string_view collection, std::string_view listed_id, const nlohmann::json& document,
                                                  std::string_view source = "the engine");

/// Whether `list` is what the Engine API lists: an array of objects, each
/// with a text `id_field`.
bool is_list_of_ids(const nlohmann::json& list, const char* id_field = "Id");

/// `list` (the engine's entries, each with a text Id) without the entries
/// whose Id an earlier entry has.
void drop_repeated_ids(nlohmann::json& list);

}  // namespace dockcis::collect
