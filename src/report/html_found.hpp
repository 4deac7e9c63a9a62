// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>

#include <nlohmann/json.hpp>

#include "model/evidence_value.hpp"
#include "report/html_text.hpp"

// A list of objects found as evidence (the containers a person reviews for
// their published ports, the stopped containers, the images) is shown as a
// table rather than as one line of JSON.
namespace dockcis::report::html {

/// The list when `found` is a non-empty list of objects.
std::optional<nlohmann::json> listed_objects(const model::EvidenceValue& found);

/// The list as a table, one row per object and at most a page of them, with
/// a note on the rest. Containers and images as the Engine API lists them
/// show what `docker ps` and `docker images` would (name, image, state,
/// status and published ports; tags, id, created and size); other objects
/// every field they have.
void list_table(HtmlText& html, const nlohmann::json& list);

}  // namespace dockcis::report::html
