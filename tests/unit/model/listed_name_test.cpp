// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "model/listed_name.hpp"

using dockcis::model::listed_name;
using nlohmann::json;

TEST_CASE("a listed entry's name: a container's, a network's, an image's, else its short id") {
  CHECK(listed_name(json{{"Id", "849b4d18b9b03ceb"}, {"Names", {"/web", "/alias"}}}) == "web");
  CHECK(listed_name(json{{"Id", "59e2bc8ddaca359c"}, {"Name", "bridge"}}) == "bridge");
  CHECK(listed_name(json{{"Id", "sha256:426e846ee184"}, {"RepoTags", {"app:1"}}}) == "app:1");
  // Mistyped or empty fields name nothing.
  CHECK(listed_name(json{{"Id", "169ad96f0847aaaa"}, {"Names", {7}}, {"Name", 3}, {"RepoTags", json::array()}}) == "169ad96f0847");
  CHECK(listed_name(json{{"Names", "web"}}) == "");
  CHECK(listed_name(json::array({"web"})) == "");
}
