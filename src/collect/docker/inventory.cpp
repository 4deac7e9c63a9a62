// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/inventory.hpp"
#include "model/fact_names.hpp"

#include <algorithm>
#include <set>

#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

std::string text_at(const json& document, std::string_view field) { return util::get_or(document, field, std::string()); }

std::string short_id(std::string id) {
  if (id.starts_with("sha256:")) id.erase(0, 7);
  return id.substr(0, 12);
}

bool is_hex(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string container_name(const json& entry) {
  const auto names = util::get_or(entry, "Names", std::vector<std::string>{});
  std::string name = names.empty() ? short_id(text_at(entry, "Id")) : names.front();
  if (name.starts_with('/')) name.erase(0, 1);
  return name;
}

// Only containers that can be started again count as stopped: created, exited and dead.
bool stopped(const json& container) {
  const auto state = text_at(container, "State");
  return state != "running" && state != "paused" && state != "restarting" && state != "removing";
}

}  // namespace

json usage_document(const json& images, const json& containers) {
  std::set<std::string> used;
  json stopped_list = json::array();
  for (const auto& container : containers) {
    if (!container.is_object()) continue;
    used.insert(text_at(container, "ImageID"));
    if (!stopped(container)) continue;
    stopped_list.push_back({{"name", container_name(container)}, {"id", short_id(text_at(container, "Id"))},
                            {"image", text_at(container, "Image")}, {"state", text_at(container, "State")},
                            {"status", text_at(container, "Status")}});
  }
  json unused = json::array();
  for (const auto& image : images) {
    if (!image.is_object() || used.contains(text_at(image, "Id"))) continue;
    json tags = json::array();
    for (const auto& tag : util::get_or(image, "RepoTags", std::vector<std::string>{})) {
      if (tag != "<none>:<none>") tags.push_back(tag);
    }
    unused.push_back({{"id", short_id(text_at(image, "Id"))}, {"tags", std::move(tags)},
                      {"created", util::get_or(image, "Created", json())}, {"size", util::get_or(image, "Size", json())}});
  }
  return json{{"images", images.size()},
              {"unused_image_count", unused.size()},
              {"unused_images", std::move(unused)},
              {"containers", containers.size()},
              {"stopped_container_count", stopped_list.size()},
              {"stopped_containers", std::move(stopped_list)}};
}

std::string familiar_tag(std::string_view reference) {
  if (reference.empty() || reference.find('@') != std::string_view::npos || reference.starts_with("sha256:")) return "";
  std::string name(reference);
  for (const std::string_view prefix : {"docker.io/", "index.docker.io/"}) {
    if (name.starts_with(prefix)) name.erase(0, prefix.size());
  }
  if (name.size() != reference.size() && name.starts_with("library/")) name.erase(0, 8);
  const auto slash = name.rfind('/');
  const auto colon = name.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) name += ":latest";
  return name;
}

std::expected<ImageTags, std::string> image_tags(const json& images) {
  if (!images.is_array()) return std::unexpected("the image list is not a list");
  ImageTags tags;
  for (const auto& image : images) {
    if (!image.is_object()) return std::unexpected("an entry of the image list is not an object");
    const auto found = image.find("RepoTags");
    if (found == image.end() || found->is_null()) continue;
    if (!found->is_array() || !std::ranges::all_of(*found, &json::is_string)) {
      return std::unexpected("the RepoTags of image " + short_id(text_at(image, "Id")) + " are a " + found->type_name() +
                             ", not a list of texts");
    }
    for (const auto& tag : *found) tags.insert_or_assign(tag.get<std::string>(), text_at(image, "Id"));
  }
  return tags;
}

std::expected<json, std::string> image_tag_document(std::string_view reference, std::string_view running_image,
                                                    const std::expected<ImageTags, std::string>& tags) {
  json document{{"reference", reference}, {"image", running_image}, {"tag", nullptr}, {"tag_image", nullptr}, {"current", nullptr}};
  const auto bare = running_image.starts_with("sha256:") ? running_image.substr(7) : running_image;
  const bool by_id = reference.starts_with("sha256:") || (reference.size() >= 12 && is_hex(reference) && bare.starts_with(reference));
  if (reference.find('@') != std::string_view::npos || by_id) {
    document["kind"] = by_id ? "id" : "digest";
    return document;
  }
  const auto tag = familiar_tag(reference);
  document["kind"] = "tag";
  document["tag"] = tag;
  // A tag not found in a list that could not be read is not a tag that names no image.
  if (!tags) return std::unexpected(tags.error());
  if (const auto found = tags->find(tag); found != tags->end()) {
    document["tag_image"] = found->second;
    document["current"] = found->second == running_image;
  }
  return document;
}

void collect_engine_usage(const FactRequest& request, model::FactStore& out) {
  const auto* images = request.deps.find(model::facts::engine_images);
  const auto* containers = request.deps.find(model::facts::engine_containers);
  if (images == nullptr || containers == nullptr) return;
  if (!*images) return out.set(request.kind.name, std::unexpected(images->error()));
  if (!*containers) return out.set(request.kind.name, std::unexpected(containers->error()));
  if (!(*images)->is_array() || !(*containers)->is_array()) {
    return out.set(request.kind.name, std::unexpected(model::Unavailable{"the image or container list is not a list",
                                                                         model::ErrorKind::malformed_answer}));
  }
  out.set(request.kind.name, usage_document(**images, **containers));
}

// Config.Image of the inspect document keeps the reference as given; the
// list's Image shows the id instead once the tag has moved.
void collect_container_image_tag(const FactRequest& request, model::FactStore& out) {
  const auto* containers = request.deps.value(model::facts::engine_containers);
  if (containers == nullptr || !containers->is_array()) return;
  const auto* images = request.deps.find(model::facts::engine_images);
  const std::expected<ImageTags, std::string> tags = images != nullptr && *images ? image_tags(**images) : ImageTags{};
  for (const auto& entry : *containers) {
    const auto id = text_at(entry, "Id");
    const auto key = model::instance_key(request.kind.name, id);
    if (images == nullptr || !*images) {
      out.set(key, std::unexpected(images == nullptr ? model::Unavailable{"the image list was not read", model::ErrorKind::not_collected}
                                                     : images->error()));
      continue;
    }
    const auto* inspect = request.deps.value(model::instance_key(model::facts::container_inspect, id));
    const json config = inspect != nullptr ? util::get_or(*inspect, "Config", json::object()) : json::object();
    const auto reference = config.contains("Image") ? text_at(config, "Image") : text_at(entry, "Image");
    const auto running = inspect != nullptr ? text_at(*inspect, "Image") : text_at(entry, "ImageID");
    auto document = image_tag_document(reference, running, tags);
    if (!document) {
      out.set(key, std::unexpected(model::Unavailable{std::move(document.error()), model::ErrorKind::malformed_answer}));
    } else {
      out.set(key, std::move(*document));
    }
  }
}

}  // namespace dockcis::collect
