// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <fstream>

#include "fleet/ingest.hpp"
#include "fleet/report_reader.hpp"
#include "fleet_fixture.hpp"

using namespace dockcis::fleet;
using namespace dockcis::fleet::test;

namespace {
std::int64_t count(Store& store, const std::string& table) {
  return as_int(store.database().query("SELECT COUNT(*) FROM " + table).value().front()[0]);
}

json report_one() {
  return make_report(run_id(1), "web-1", "2026-11-01T02:00:00Z",
                     {{"host.audit_docker", "1.1.3", "pass"},
                      {"container.privileged", "5.5", "fail", "high", {{"db", "fail"}, {"cache", "pass"}}},
                      {"daemon.icc", "2.2", "error"}});
}

IngestOutcome ingest(Store& store, const json& document, const std::string& source = "test") {
  const auto text = document.dump();
  auto run = read_report(text);
  REQUIRE(run);
  auto outcome = store.ingest(*run, "sha256:" + std::to_string(std::hash<std::string>{}(text)), source);
  REQUIRE(outcome);
  return *outcome;
}
}  // namespace

TEST_CASE("a run is stored whole: host, run, results, containers, scores") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  CHECK(ingest(store, report_one()).status == IngestStatus::stored);
  CHECK(count(store, "hosts") == 1);
  CHECK(count(store, "runs") == 1);
  CHECK(count(store, "results") == 3);
  CHECK(count(store, "instances") == 1);
  CHECK(count(store, "scores") == 4);  // sections 1, 2 and 5, level 1
  const auto run = store.database().query("SELECT run_id, score, pass, fail, error, profile_id, tool_version FROM runs").value().front();
  CHECK(as_text(run[0]) == run_id(1));
  CHECK(as_double(run[1]) == doctest::Approx(100.0 / 3));
  CHECK(as_int(run[3]) == 1);
  CHECK(as_text(run[5]) == "cis-docker-1.8.0");
  CHECK(as_text(run[6]) == "0.1.0");
}

TEST_CASE("the same run twice is stored once; the same run id with other content is refused") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  REQUIRE(ingest(store, report_one()).status == IngestStatus::stored);
  CHECK(ingest(store, report_one()).status == IngestStatus::already_stored);
  auto changed = report_one();
  changed["results"][0]["reason"] = "edited after the run";
  const auto conflict = ingest(store, changed, "other.json");
  CHECK(conflict.status == IngestStatus::conflict);
  CHECK(conflict.message.find("already stored with different content") != std::string::npos);
  CHECK(count(store, "runs") == 1);
  CHECK(as_text(store.database().query("SELECT state FROM results r JOIN checks c ON c.id = r.check_id WHERE c.check_key = 'host.audit_docker'")
                    .value().front()[0]) == "pass");
}

TEST_CASE("a report that fails half-way leaves nothing behind") {
  TestStore test;
  if (test.postgres()) return;  // the trigger below is SQLite's
  auto store = Store::open(test.target()).value();
  REQUIRE(store.database().execute("CREATE TRIGGER refuse_scores BEFORE INSERT ON scores BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"));
  const auto text = report_one().dump();
  const auto run = read_report(text).value();
  const auto outcome = store.ingest(run, "sha256:x", "test");
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().message.find("disk on fire") != std::string::npos);
  for (const char* table : {"hosts", "runs", "results", "instances", "scores", "checks"}) {
    CAPTURE(table);
    CHECK(count(store, table) == 0);
  }
  REQUIRE(store.database().execute("DROP TRIGGER refuse_scores"));
  CHECK(store.ingest(run, "sha256:x", "test").value().status == IngestStatus::stored);
  CHECK(count(store, "results") == 3);
}

TEST_CASE("a batch goes on past refused reports and says which were refused") {
  TestStore test;
  if (test.postgres()) return;  // files only; the database part is covered above
  auto store = Store::open(test.target()).value();
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(test.dir() + "/" + name) << text;
    return test.dir() + "/" + name;
  };
  auto second = report_one();
  second["run_id"] = run_id(2);
  second["results"][2]["state"] = "bogus";
  auto third = report_one();
  third["run_id"] = run_id(3);
  const std::vector<std::string> inputs{write("a.json", report_one().dump()), write("b.json", second.dump()),
                                        write("c.json", third.dump().substr(0, 100)), test.dir() + "/missing.json"};
  const auto summary = ingest_files(store, inputs, {"production"}).value();
  CHECK(summary.stored == 1);
  CHECK(summary.refused == 3);
  REQUIRE(summary.refusals.size() == 3);
  CHECK(summary.refusals[0].find("b.json:/results/2/state: 'bogus' is not a result state") != std::string::npos);
  CHECK(summary.refusals[1].find("c.json: not valid JSON") != std::string::npos);
  CHECK(summary.refusals[2].find("missing.json: cannot read") != std::string::npos);
  CHECK(count(store, "runs") == 1);
  CHECK(as_text(store.database().query("SELECT host_group FROM runs").value().front()[0]) == "production");
  // A directory is read whole, the stored run found again.
  const auto again = ingest_files(store, {test.dir()}, {}).value();
  CHECK(again.already_stored == 1);
  CHECK(again.refused == 2);
}
