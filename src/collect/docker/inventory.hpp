// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>
#include <string_view>
#include <unordered_map>

#include "collect/fact_request.hpp"
#include "model/fact_store.hpp"

// Facts derived from the engine's image and container lists: what is unused
// (CIS 6.1, 6.2) and whether a container still runs the image its tag names
// (CIS 5.28). No Engine API call of their own.
namespace dockcis::collect {

/// engine.usage from GET /images/json and GET /containers/json?all=1.
model::json usage_document(const model::json& images, const model::json& containers);

/// "nginx" -> "nginx:latest", "docker.io/library/nginx:1" -> "nginx:1": the
/// spelling of the image list's RepoTags; "" for a digest or an image id.
std::string familiar_tag(std::string_view reference);

/// The image list's tags, each to the id of the image it names (the last
/// one listed, should two claim it); why not, when the list is not a list of
/// images whose RepoTags are a list of texts (or null). Built once for all
/// containers: a lookup each, not a pass over the list.
using ImageTags = std::unordered_map<std::string, std::string>;
std::expected<ImageTags, std::string> image_tags(const model::json& images);

/// container.image_tag: the reference a container was created from
/// (Config.Image), the image it runs and the image that reference names now;
/// why not, when a tag is to be looked up and the image list could not be read.
std::expected<model::json, std::string> image_tag_document(std::string_view reference, std::string_view running_image,
                                                           const std::expected<ImageTags, std::string>& tags);

void collect_engine_usage(const FactRequest& request, model::FactStore& out);
void collect_container_image_tag(const FactRequest& request, model::FactStore& out);

}  // namespace dockcis::collect
