// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "report/html_found.hpp"
#include "report/html_instances.hpp"
#include "report/html_text.hpp"

using namespace dockcis;
using nlohmann::json;

namespace {

// The rows of the table list_table() writes into a fresh element, each as its cells' texts.
std::vector<std::vector<std::string>> table_rows(const json& list, pugi::xml_document& document) {
  std::string text = "<td>";
  report::html::HtmlText html(text);
  report::html::list_table(html, list);
  text += "</td>";
  REQUIRE(document.load_string(text.c_str()));
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : document.select_nodes("//table[@class='found-list']/tr")) {
    auto& cells = rows.emplace_back();
    for (auto cell : row.node().children()) cells.emplace_back(cell.child_value());
  }
  return rows;
}

}  // namespace

TEST_CASE("found lists: only a non-empty list of objects is shown as a table") {
  CHECK(report::html::listed_objects(json{{"a", 1}}) == std::nullopt);
  CHECK(report::html::listed_objects(json::array()) == std::nullopt);
  CHECK(report::html::listed_objects(json::array({json{{"a", 1}}, 2})) == std::nullopt);
  CHECK(report::html::listed_objects("[{\"a\":1}]") == std::nullopt);  // a string that reads like one
  const auto list = report::html::listed_objects(json::array({json{{"a", 1}}}));
  REQUIRE(list.has_value());
  CHECK(*list == json::array({json{{"a", 1}}}));
}

TEST_CASE("found lists: containers as the Engine API lists them read as docker ps shows them") {
  const auto containers = json::parse(R"([
    {"Id": "849b4d18b9b03ceb", "Names": ["/web"], "Image": "nginx:1.25", "State": "running", "Status": "Up 2 hours",
     "Ports": [{"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
               {"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}, {"PrivatePort": 443, "Type": "tcp"}]},
    {"Id": "169ad96f0847aaaa", "Names": 7, "Image": "x\u001b[31m", "State": "created", "Status": "Created", "Ports": "odd"}])");
  pugi::xml_document document;
  const auto rows = table_rows(containers, document);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"Name", "Image", "State", "Status", "Published ports"});
  CHECK(rows[1] == std::vector<std::string>{"web", "nginx:1.25", "running", "Up 2 hours", "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 443/tcp"});
  // Mistyped fields do not stop the table; host text is cleaned.
  CHECK(rows[2] == std::vector<std::string>{"169ad96f0847", "x\\x1b[31m", "created", "Created", "odd"});
}

TEST_CASE("found lists: images as docker images shows them, other objects with every field") {
  const auto images = json::parse(R"([{"Id": "sha256:426e846ee184ffc3", "RepoTags": ["app:1", "app:latest"], "Created": 1700000000, "Size": 1985484},
                                      {"Id": "sha256:7c6af1da7489aaaa", "RepoTags": [], "Created": "soon", "Size": -1},
                                      {"Id": "sha256:5a0b66e5cf21aaaa", "RepoTags": ["late:1"], "Created": 17954417541, "Size": 0},
                                      {"Id": "sha256:9f3ac8d2b7e4aaaa", "RepoTags": ["later:1"], "Created": 253402300800, "Size": 0}])");
  pugi::xml_document document;
  const auto rows = table_rows(images, document);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0] == std::vector<std::string>{"Tags", "Image id", "Created", "Size"});
  CHECK(rows[1] == std::vector<std::string>{"app:1, app:latest", "426e846ee184", "2023-11-14T22:13:20Z", "2.0 MB"});
  CHECK(rows[2] == std::vector<std::string>{"<none>", "7c6af1da7489", "soon", ""});
  // Past 2262 (the render fuzzer's finding: it overflowed system_clock's nanoseconds), and past 9999 as it came.
  CHECK(rows[3] == std::vector<std::string>{"late:1", "5a0b66e5cf21", "2538-12-14T18:12:21Z", "0.0 MB"});
  CHECK(rows[4] == std::vector<std::string>{"later:1", "9f3ac8d2b7e4", "253402300800", "0.0 MB"});

  pugi::xml_document other;
  const auto fields = table_rows(json::parse(R"([{"name": "a", "state": "exited"}, {"id": "b1", "name": {"x": 1}}])"), other);
  REQUIRE(fields.size() == 3);
  CHECK(fields[0] == std::vector<std::string>{"id", "name", "state"});
  CHECK(fields[1] == std::vector<std::string>{"", "a", "exited"});
  CHECK(fields[2] == std::vector<std::string>{"b1", "{\"x\":1}", ""});
}

TEST_CASE("found lists: a page of rows at most, and a note on the rest") {
  json list = json::array();
  for (int i = 0; i < 1000; ++i) list.push_back({{"name", "c" + std::to_string(i)}});
  pugi::xml_document document;
  const auto rows = table_rows(list, document);
  CHECK(rows.size() == report::html::kInstancesPerPage + 1);
  CHECK(std::string(document.select_node("//p").node().child_value()) == "The first 50 of 1000 are listed; the JSON report lists each.");
}

TEST_CASE("found lists: at most twelve fields as columns, and a note on the rest") {
  json list = json::array();
  json labels = json::object();
  for (int i = 0; i < 20; ++i) labels["label" + std::to_string(100 + i)] = "v";
  list.push_back(labels);
  pugi::xml_document document;
  const auto rows = table_rows(list, document);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].size() == 12);
  CHECK(rows[0].front() == "label100");
  CHECK(rows[0].back() == "label111");
  CHECK(std::string(document.select_node("//p").node().child_value()) == "The first 12 of 20 fields; the JSON report lists each.");
}
