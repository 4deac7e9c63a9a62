// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "collect/docker/object_id.hpp"

using namespace dockcis;
using nlohmann::json;

TEST_CASE("an id goes into a request path only if it names nothing but an object") {
  for (const char* id : {"c1c1c1c1c1c1", "sha256:a1a1", "my_net-1.2"}) {
    CAPTURE(id);
    CHECK_FALSE(collect::unusable_id("container", id));
  }
  CHECK_FALSE(collect::unusable_id("container", std::string(256, 'a')));
  for (const auto& id : {std::string(), std::string("."), std::string(".."), std::string("a..b"), std::string("../../images/json?x="),
                               std::string("c1?all=1#"), std::string("a/b"), std::string("a\0b", 3), std::string(257, 'a')}) {
    CAPTURE(id);
    const auto refused = collect::unusable_id("image", id);
    REQUIRE(refused);
    CHECK(refused->kind == model::ErrorKind::malformed_answer);
    CHECK(refused->reason.starts_with("the engine listed an image id that is not an id: \""));
  }
  // Quoted escaped and cut: a NUL is shown as an escape, a long id by its length.
  CHECK(collect::unusable_id("container", std::string("a\0b", 3))->reason.find("\\u0000") != std::string::npos);
  CHECK(collect::unusable_id("container", std::string(300, '/'))->reason.find("... (300 bytes)") != std::string::npos);
}

TEST_CASE("an inspect names the object it answers for, or it is not that object's") {
  CHECK_FALSE(collect::foreign_inspect("container", "c1", json{{"Id", "c1"}}));
  const auto other = collect::foreign_inspect("container", "c1", json{{"Id", "c2"}});
  REQUIRE(other);
  CHECK(other->reason == "the engine answered the inspect of container \"c1\" with the document of \"c2\"");
  // A prefix is another object's id.
  CHECK(collect::foreign_inspect("container", "c1", json{{"Id", "c1c1"}}));
  for (const auto& document : {json::object(), json{{"Id", 7}}, json{{"Id", nullptr}}}) {
    CAPTURE(document.dump());
    const auto unnamed = collect::foreign_inspect("network", "n1", document);
    REQUIRE(unnamed);
    CHECK(unnamed->reason == "the engine answered the inspect of network \"n1\" with a document that has no text /Id");
  }
}

TEST_CASE("a list naming an id twice keeps its first entry, in order") {
  json list = json::array({{{"Id", "b"}, {"Name", "first"}}, {{"Id", "a"}}, {{"Id", "b"}, {"Name", "again"}}, {{"Id", "a"}}});
  collect::drop_repeated_ids(list);
  REQUIRE(list.size() == 2);
  CHECK(list[0] == json{{"Id", "b"}, {"Name", "first"}});
  CHECK(list[1] == json{{"Id", "a"}});
}

TEST_CASE("a list of ids: an array of objects, each with a text id field") {
  CHECK(collect::is_list_of_ids(json::array()));
  CHECK(collect::is_list_of_ids(json::array({{{"Id", "c1"}}, {{"Id", "c2"}, {"Names", {"/db"}}}})));
  CHECK(collect::is_list_of_ids(json::array({{{"ID", "n1"}}}), "ID"));
  CHECK_FALSE(collect::is_list_of_ids(json::array({{{"ID", "n1"}}})));
  for (const json& odd : {json::array({{{"Id", "c1"}}, 42}), json::array({{{"Id", 7}}}), json::array({json::object()}),
                          json{{"Id", "c1"}}, json("c1"), json()}) {
    CAPTURE(odd.dump());
    CHECK_FALSE(collect::is_list_of_ids(odd));
  }
}
