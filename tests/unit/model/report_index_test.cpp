// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "model/report_index.hpp"

using namespace dockcis;

TEST_CASE("subject index: one position per subject, shared by address or equal by content") {
  const auto web = std::make_shared<const model::Subject>(model::Subject{"c1", "web", "nginx:1"});
  const auto db = std::make_shared<const model::Subject>(model::Subject{"c2", "db", "postgres:16"});
  const auto web_again = std::make_shared<const model::Subject>(*web);  // a report read back: equal, elsewhere
  std::vector<model::CheckResult> results(3);
  results[0].collection = "container";
  results[0].instances = {model::InstanceResult(web), model::InstanceResult(db)};
  results[1].collection = "container";
  results[1].instances = {model::InstanceResult(db), model::InstanceResult(web_again)};
  results[2].collection = "image";  // the same subject under another collection is another subject
  results[2].instances = {model::InstanceResult(web)};

  const model::SubjectIndex index(results);
  CHECK(index.of(results[0], results[0].instances[0]) == 0);
  CHECK(index.of(results[0], results[0].instances[1]) == 1);
  CHECK(index.of(results[1], results[1].instances[0]) == 1);
  CHECK(index.of(results[1], results[1].instances[1]) == 0);
  CHECK(index.of(results[2], results[2].instances[0]) == 2);
  const auto subjects = index.to_json();
  REQUIRE(subjects.size() == 3);
  CHECK(subjects[2] == model::json{{"collection", "image"}, {"id", "c1"}, {"name", "web"}, {"image", "nginx:1"}});
  // An instance the index was not made from is found by what it says.
  const model::InstanceResult elsewhere("c2", "db", "postgres:16");
  CHECK(index.of(results[0], elsewhere) == 1);
}
