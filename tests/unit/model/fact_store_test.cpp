// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "model/fact_store.hpp"
#include "model/state.hpp"

using namespace dockcis::model;

TEST_CASE("a fact store round-trips values and unavailable facts") {
  FactStore store;
  store.set("engine.info", json{{"ServerVersion", "20.10.24"}});
  store.set("host.file:/etc/docker", json{{"exists", false}});
  store.set("daemon.config", std::unexpected(Unavailable{"permission denied"}));
  store.meta["collected_at"] = "2026-11-23T12:00:00Z";
  const auto document = store.to_json();
  CHECK(document["schema"] == "dockcis.facts/v1");
  const auto back = FactStore::from_json(document);
  REQUIRE(back.has_value());
  CHECK(back->to_json() == document);
  REQUIRE(back->find("daemon.config") != nullptr);
  CHECK_FALSE(back->find("daemon.config")->has_value());
  CHECK(back->find("daemon.config")->error().reason == "permission denied");
  CHECK(back->find("missing") == nullptr);
}

TEST_CASE("a snapshot's text is made valid UTF-8 unless its reader already did") {
  const json document{{"schema", "dockcis.facts/v1"},
                      {"facts", {{"engine.info", {{"value", {{"Name", "caf\xe9"}}}}}, {"daemon.config", {{"unavailable", "bad \xff"}}}}}};
  const auto repaired = FactStore::from_json(document);
  REQUIRE(repaired.has_value());
  CHECK(repaired->value("engine.info")->at("Name") == "caf\xef\xbf\xbd");
  CHECK(repaired->find("daemon.config")->error().reason == "bad \xef\xbf\xbd");
  // util::parse_json's documents are valid UTF-8 already: the values are taken as they are.
  const json valid{{"schema", "dockcis.facts/v1"}, {"facts", {{"engine.info", {{"value", {{"Name", "caf\xc3\xa9"}}}}}}}};
  const auto taken = FactStore::from_json(valid, FactStore::Text::valid_utf8);
  REQUIRE(taken.has_value());
  CHECK(taken->value("engine.info")->at("Name") == "caf\xc3\xa9");
}

TEST_CASE("malformed snapshots are rejected with a reason") {
  CHECK_FALSE(FactStore::from_json(json::array()).has_value());
  CHECK_FALSE(FactStore::from_json(json{{"schema", "other"}}).has_value());
  const auto bad = FactStore::from_json(json{{"schema", "dockcis.facts/v1"}, {"facts", {{"x", {{"nothing", 1}}}}}});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().find("\"x\"") != std::string::npos);
  // Seen and not seen at once: neither is taken.
  const auto both = FactStore::from_json(
      json{{"schema", "dockcis.facts/v1"}, {"facts", {{"engine.info", {{"unavailable", "HTTP 500"}, {"value", json::object()}}}}}});
  REQUIRE_FALSE(both.has_value());
  CHECK(both.error() == "fact \"engine.info\" has both \"value\" and \"unavailable\"");
}

TEST_CASE("state names") {
  for (State state : kAllStates) CHECK(parse_state(to_string(state)) == state);
  CHECK_FALSE(parse_state("passed").has_value());
}
