// SPDX-License-Identifier: Apache-2.0
// engine.usage and container.image_tag from the engine's lists (CIS 6.1, 6.2, 5.28).
#include <doctest/doctest.h>

#include "collect/docker/inventory.hpp"

using namespace dockcis;
using model::json;

namespace {

const json kImages = json::parse(R"json([
  {"Id": "sha256:aaaa000000000000000000000000000000000000000000000000000000000001", "RepoTags": ["nginx:latest", "nginx:1.27"], "Created": 1700000000, "Size": 100},
  {"Id": "sha256:bbbb000000000000000000000000000000000000000000000000000000000002", "RepoTags": ["<none>:<none>"], "Created": 1600000000, "Size": 90},
  {"Id": "sha256:cccc000000000000000000000000000000000000000000000000000000000003", "RepoTags": ["registry.local:5000/team/app:2"], "Created": 1650000000, "Size": 5},
  {"Id": "sha256:dddd000000000000000000000000000000000000000000000000000000000004", "RepoTags": null, "Created": 1500000000, "Size": 1}
])json");

const json kContainers = json::parse(R"json([
  {"Id": "1111", "Names": ["/web"], "Image": "sha256:bbbb00000000", "ImageID": "sha256:bbbb000000000000000000000000000000000000000000000000000000000002", "State": "running", "Status": "Up 2 days"},
  {"Id": "2222", "Names": ["/job"], "Image": "registry.local:5000/team/app:2", "ImageID": "sha256:cccc000000000000000000000000000000000000000000000000000000000003", "State": "exited", "Status": "Exited (0) 3 weeks ago"},
  {"Id": "3333", "Names": ["/new"], "Image": "nginx", "ImageID": "sha256:cccc000000000000000000000000000000000000000000000000000000000003", "State": "created", "Status": "Created"},
  {"Id": "4444", "Names": ["/paused"], "Image": "nginx", "ImageID": "sha256:bbbb000000000000000000000000000000000000000000000000000000000002", "State": "paused", "Status": "Up (Paused)"}
])json");

}  // namespace

TEST_CASE("engine.usage: images no container uses, containers that are not running") {
  const auto usage = collect::usage_document(kImages, kContainers);
  CHECK(usage["images"] == 4);
  CHECK(usage["unused_image_count"] == 2);
  CHECK(usage["unused_images"][0] == json{{"id", "aaaa00000000"}, {"tags", {"nginx:latest", "nginx:1.27"}}, {"created", 1700000000}, {"size", 100}});
  CHECK(usage["unused_images"][1]["tags"] == json::array());
  CHECK(usage["containers"] == 4);
  CHECK(usage["stopped_container_count"] == 2);
  CHECK(usage["stopped_containers"][0]["name"] == "job");
  CHECK(usage["stopped_containers"][0]["status"] == "Exited (0) 3 weeks ago");
  CHECK(usage["stopped_containers"][1]["state"] == "created");

  const auto empty = collect::usage_document(json::array(), json::array({"garbage", 7}));
  CHECK(empty["unused_image_count"] == 0);
  CHECK(empty["stopped_container_count"] == 0);
}

TEST_CASE("image references are spelled as the image list's RepoTags") {
  CHECK(collect::familiar_tag("nginx") == "nginx:latest");
  CHECK(collect::familiar_tag("nginx:1.27") == "nginx:1.27");
  CHECK(collect::familiar_tag("docker.io/library/nginx:1.27") == "nginx:1.27");
  CHECK(collect::familiar_tag("docker.io/team/app") == "team/app:latest");
  CHECK(collect::familiar_tag("registry.local:5000/team/app") == "registry.local:5000/team/app:latest");
  CHECK(collect::familiar_tag("library/nginx") == "library/nginx:latest");
  CHECK(collect::familiar_tag("nginx@sha256:abcd").empty());
  CHECK(collect::familiar_tag("").empty());
}

TEST_CASE("container.image_tag: a tag that moved to another image is not current") {
  const auto tags = collect::image_tags(kImages);
  REQUIRE(tags.has_value());
  const auto running_b = "sha256:bbbb000000000000000000000000000000000000000000000000000000000002";
  const auto moved = *collect::image_tag_document("nginx", running_b, tags);
  CHECK(moved["kind"] == "tag");
  CHECK(moved["tag"] == "nginx:latest");
  CHECK(moved["tag_image"] == "sha256:aaaa000000000000000000000000000000000000000000000000000000000001");
  CHECK(moved["current"] == false);

  const auto running_c = "sha256:cccc000000000000000000000000000000000000000000000000000000000003";
  const auto same = *collect::image_tag_document("registry.local:5000/team/app:2", running_c, tags);
  CHECK(same["current"] == true);

  const auto untagged = *collect::image_tag_document("gone:1", running_c, tags);
  CHECK(untagged["tag_image"].is_null());
  CHECK(untagged["current"].is_null());

  CHECK((*collect::image_tag_document("nginx@sha256:1234", running_c, tags))["kind"] == "digest");
  CHECK((*collect::image_tag_document("cccc00000000", running_c, tags))["kind"] == "id");
  CHECK((*collect::image_tag_document("sha256:cccc0000", running_c, tags))["kind"] == "id");
  // A list that cannot be read does not say that no image carries the tag;
  // a digest or an id is not looked up in it.
  const auto odd = collect::image_tags(json::array({7, "x"}));
  CHECK(odd.error() == "an entry of the image list is not an object");
  CHECK(collect::image_tag_document("nginx", running_c, odd).error() == "an entry of the image list is not an object");
  CHECK((*collect::image_tag_document("nginx@sha256:1234", running_c, odd))["kind"] == "digest");
  auto text_tags = kImages;
  text_tags[2]["RepoTags"] = "registry.local:5000/team/app:2";
  CHECK(collect::image_tags(text_tags).error() == "the RepoTags of image cccc00000000 are a string, not a list of texts");
  CHECK(!collect::image_tags(json::object()).has_value());
  // Null RepoTags is an image without tags; a tag two images claim is the last one's.
  auto claimed = kImages;
  claimed[1]["RepoTags"] = nullptr;
  claimed.push_back({{"Id", "sha256:dddd"}, {"RepoTags", {"nginx:latest"}}});
  REQUIRE(collect::image_tags(claimed).has_value());
  CHECK(collect::image_tags(claimed)->at("nginx:latest") == "sha256:dddd");
}
