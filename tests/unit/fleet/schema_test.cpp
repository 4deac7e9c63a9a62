// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "fleet/schema.hpp"
#include "fleet_fixture.hpp"

using namespace dockcis::fleet;
using dockcis::fleet::test::TestStore;

namespace {
std::set<std::string> tables(Database& database) {
  const char* sql = database.dialect() == Dialect::sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                                                          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
  std::set<std::string> names;
  const auto rows = database.query(sql).value();
  for (const auto& row : rows) names.insert(as_text(row[0]));
  return names;
}
}  // namespace

TEST_CASE("a new store gets every table and the latest schema version") {
  TestStore test;
  auto database = open_database(test.target());
  REQUIRE(database);
  const auto version = migrate(**database);
  REQUIRE(version);
  CHECK(*version == latest_schema_version());
  const auto names = tables(**database);
  for (const char* table : {"schema_version", "hosts", "runs", "results", "instances", "waivers", "scores", "checks", "check_controls"}) {
    CHECK_MESSAGE(names.contains(table), table);
  }
  const auto rows = (*database)->query("SELECT version, store FROM schema_version ORDER BY version").value();
  REQUIRE(rows.size() == static_cast<std::size_t>(latest_schema_version()));
  CHECK(as_text(rows.front()[1]) == "dockcis.fleet");
  // Opening again changes nothing.
  CHECK(migrate(**database).value() == latest_schema_version());
  CHECK((*database)->query("SELECT COUNT(*) FROM schema_version").value().front()[0] == std::to_string(latest_schema_version()));
}

TEST_CASE("an older store is migrated step by step") {
  TestStore test;
  auto database = open_database(test.target()).value();
  REQUIRE(migrate(*database, 1).value() == 1);
  CHECK_FALSE(tables(*database).contains("check_controls"));
  REQUIRE(migrate(*database).value() == latest_schema_version());
  CHECK(tables(*database).contains("check_controls"));
  CHECK(database->query("SELECT MAX(version) FROM schema_version").value().front()[0] == std::to_string(latest_schema_version()));
}

TEST_CASE("a database with other tables is not taken for a store") {
  TestStore test;
  auto database = open_database(test.target()).value();
  REQUIRE(database->execute("CREATE TABLE invoices (id INTEGER)"));
  const auto result = migrate(*database);
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("is not a dockcis fleet store") != std::string::npos);
  CHECK(result.error().message.find("invoices") != std::string::npos);
  CHECK_FALSE(result.error().unreachable);
  CHECK_FALSE(tables(*database).contains("runs"));
}

TEST_CASE("a schema_version table of another tool is not a store") {
  TestStore test;
  auto database = open_database(test.target()).value();
  REQUIRE(database->execute("CREATE TABLE schema_version (version INTEGER, store TEXT)"));
  REQUIRE(database->execute("INSERT INTO schema_version VALUES (3, 'flyway')"));
  const auto result = migrate(*database);
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("not a dockcis fleet store") != std::string::npos);
}

TEST_CASE("a store written by a newer dockcis is refused, not downgraded") {
  TestStore test;
  auto database = open_database(test.target()).value();
  REQUIRE(migrate(*database));
  REQUIRE(database->execute("INSERT INTO schema_version (version, store, description, applied_at) VALUES (99, 'dockcis.fleet', 'future', 'x')"));
  const auto result = migrate(*database);
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("newer dockcis (store schema version 99") != std::string::npos);
}

TEST_CASE("a file that is not a database is refused with SQLite's reason") {
  TestStore test;
  if (test.postgres()) return;
  const auto path = test.dir() + "/garbage.db";
  FILE* file = std::fopen(path.c_str(), "w");
  REQUIRE(file != nullptr);
  std::fputs("this is a text file, not SQLite; it is long enough to have a header of its own......................", file);
  std::fclose(file);
  const auto store = Store::open(path);
  REQUIRE_FALSE(store);
  CHECK(store.error().message.find(path) != std::string::npos);
  CHECK(store.error().message.find("not a database") != std::string::npos);
}

TEST_CASE("placeholders $N bind in both dialects, NULL included") {
  TestStore test;
  auto database = open_database(test.target()).value();
  REQUIRE(database->execute("CREATE TABLE t (a TEXT, b BIGINT, c DOUBLE PRECISION, d TEXT)"));
  REQUIRE(database->execute("INSERT INTO t (a, b, c, d) VALUES ($1, $2, $3, $4)", {std::string("x'; DROP TABLE t; --"), std::int64_t{42}, 2.5, nullptr}));
  const auto rows = database->query("SELECT a, b, c, d FROM t WHERE b = $1", {std::int64_t{42}}).value();
  REQUIRE(rows.size() == 1);
  CHECK(as_text(rows[0][0]) == "x'; DROP TABLE t; --");
  CHECK(as_int(rows[0][1]) == 42);
  CHECK(as_double(rows[0][2]) == doctest::Approx(2.5));
  CHECK_FALSE(rows[0][3].has_value());
}
