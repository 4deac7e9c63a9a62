// SPDX-License-Identifier: Apache-2.0
#include "collect/host/image_store.hpp"

#include "util/json_access.hpp"

namespace dockcis::collect {

using model::json;

std::string image_reference(const json& entry) {
  const auto tags = util::get_or(entry, "RepoTags", std::vector<std::string>{});
  // "<none>:<none>" names nothing a reviewer could type.
  if (!tags.empty() && !tags.front().empty() && tags.front() != "<none>:<none>") return tags.front();
  const auto id = util::get_or(entry, "Id", std::string());
  return id.empty() ? std::string("IMAGE") : id;
}

bool containerd_image_store(const json& info) {
  const auto status = util::get_or(info, "DriverStatus", json::array());
  if (!status.is_array()) return false;
  for (const auto& pair : status) {
    if (pair.is_array() && pair.size() == 2 && pair[0] == "driver-type" && pair[1] == "io.containerd.snapshotter.v1") return true;
  }
  return false;
}

std::string unreadable_layers_reason(const json& inspect, const std::string& reference, bool containerd_store) {
  const auto driver = util::get_or(util::get_or(inspect, "GraphDriver", json::object()), "Name", std::string());
  const auto name = driver.empty() ? std::string("unknown") : driver;
  // docker create runs nothing; "true" stands in for an image without a command.
  const auto review = "to review it, run: c=$(docker create " + reference +
                      " true) && docker export \"$c\" | tar -tv | grep -E '^-(..[sS]|.....[sS])'; docker rm \"$c\"";
  if (containerd_store) {
    return "the image is in containerd's image store (snapshotter '" + name +
           "'; docker info: driver-type io.containerd.snapshotter.v1), whose layers have no directories dockcis can read "
           "from image inspect, so its setuid and setgid files were not listed; " + review;
  }
  return "the storage driver '" + name +
         "' gives no layer directories (GraphDriver.Data.UpperDir/LowerDir); only overlay2-style drivers can be read, so the "
         "image's setuid and setgid files were not listed; " + review;
}

}  // namespace dockcis::collect
