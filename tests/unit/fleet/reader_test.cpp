// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "fleet/report_reader.hpp"
#include "fleet_fixture.hpp"

using namespace dockcis::fleet;
using namespace dockcis::fleet::test;

namespace {
json sample() {
  return make_report(run_id(1), "web-1", "2026-11-01T02:00:00Z",
                     {{"host.audit_docker", "1.1.3", "pass"},
                      {"container.privileged", "5.5", "fail", "high", {{"db", "fail"}, {"cache", "pass"}, {"tmp", "notapplicable"}}}});
}

ReportProblem refusal(const json& document) {
  const auto run = read_report(document.dump());
  REQUIRE_FALSE(run);
  return run.error();
}
}  // namespace

TEST_CASE("a report is read into what the store keeps") {
  auto document = sample();
  document["results"][1]["controls"] = json::array({{{"framework", "nist-800-53-r5"}, {"id", "AC-6(10)"}, {"source", "DISA STIG"}}});
  const auto run = read_report(document.dump());
  REQUIRE(run);
  CHECK(run->hostname == "web-1");
  CHECK(run->machine_id == "mid-web-1");
  CHECK(run->profile_id == "cis-docker-1.8.0");
  CHECK(run->fail == 1);
  REQUIRE(run->results.size() == 2);
  const auto& privileged = run->results[1];
  CHECK(privileged.instances_total == 3);
  CHECK(privileged.instances_failing == 1);
  REQUIRE(privileged.instances.size() == 1);  // passing and not applicable containers are counted, not kept
  CHECK(privileged.instances[0].name == "db");
  REQUIRE(privileged.controls.size() == 1);
  CHECK(privileged.controls[0].id == "AC-6(10)");
  CHECK(run->tallies.size() == 3);  // sections 1 and 5, level 1
}

TEST_CASE("a version 1 report, whose instances name themselves, is read the same") {
  const auto v2 = read_report(sample().dump());
  const auto v1 = read_report(as_v1(sample()).dump());
  REQUIRE(v2);
  REQUIRE(v1);
  REQUIRE(v1->results.size() == v2->results.size());
  const auto& instances = v1->results[1].instances;
  REQUIRE(instances.size() == 1);
  CHECK(instances[0].name == v2->results[1].instances[0].name);
  CHECK(instances[0].image == "img/db:1");
  CHECK(v2->results[1].instances[0].image == "img/db:1");
  CHECK(v1->results[1].instances_total == 3);
}

TEST_CASE("refusals name the JSON pointer and the reason") {
  struct Case {
    const char* name;
    std::function<void(json&)> spoil;
    std::string pointer;
    std::string message;
  };
  const std::vector<Case> cases{
      {"other schema", [](json& d) { d["schema"] = "dockcis.waivers/v1"; }, "/schema", "not a dockcis report"},
      {"future schema", [](json& d) { d["schema"] = "dockcis.report/v3"; }, "/schema", "newer than this dockcis reads"},
      {"no schema", [](json& d) { d.erase("schema"); }, "", "no 'schema'"},
      {"state typo", [](json& d) { d["results"][1]["state"] = "fial"; }, "/results/1/state", "'fial' is not a result state"},
      {"level as text", [](json& d) { d["results"][0]["level"] = "1"; }, "/results/0/level", "expected an integer, found a string"},
      {"missing key", [](json& d) { d["results"][0].erase("key"); }, "/results/0", "missing required key 'key'"},
      {"instance subject", [](json& d) { d["results"][1]["instances"][0]["subject"] = 3; }, "/results/1/instances/0/subject", "expected an integer from 0 to 2"},
      {"subject as text", [](json& d) { d["results"][1]["instances"][0]["subject"] = "0"; }, "/results/1/instances/0/subject", "expected an integer"},
      {"no subjects", [](json& d) { d["subjects"] = json::array(); }, "/results/1/instances/0/subject", "lists no subjects"},
      {"subject name", [](json& d) { d["subjects"][0]["name"] = 7; }, "/subjects/0/name", "expected a string"},
      {"v1 instance name", [](json& d) { d = as_v1(d); d["results"][1]["instances"][0]["name"] = 7; }, "/results/1/instances/0/name", "expected a string"},
      {"run id", [](json& d) { d["run_id"] = "../../etc/passwd"; }, "/run_id", "is not a run id"},
      {"timestamp", [](json& d) { d["started_at"] = "yesterday"; }, "/started_at", "not a UTC timestamp"},
      {"score range", [](json& d) { d["summary"]["score"] = 250; }, "/summary/score", "from 0 to 100"},
      {"no such date", [](json& d) { d["started_at"] = "2026-02-30T00:00:00Z"; }, "/started_at", "not a UTC timestamp"},
      {"no such hour", [](json& d) { d["finished_at"] = "2026-12-04T99:99:99Z"; }, "/finished_at", "not a UTC timestamp"},
      {"waiver expiry", [](json& d) {
         d["waivers"] = json::array({{{"id", "W-1"}, {"check", "k.k"}, {"status", "applied"}, {"justification", "j"}, {"expires", "2027-2-1"}}});
       }, "/waivers/0/expires", "not a date (YYYY-MM-DD) or \"never\""},
      {"score not the results'", [](json& d) { d["summary"]["score"] = 100; }, "/summary/score",
       "100.00, but the report's results give a score of 50.00"},
      {"score before waivers", [](json& d) { d["summary"]["score_before_waivers"] = 0; }, "/summary/score_before_waivers",
       "give a score before waivers of 50.00"},
      {"passes claimed", [](json& d) { d["summary"]["scored"]["pass"] = 1 << 30; }, "/summary/scored/pass",
       "1073741824, but the report's results count 1 passing in all"},
      {"manual claimed", [](json& d) { d["summary"]["counts"]["manual"] = 3; }, "/summary/counts/manual", "count 0 manual"},
      {"section tally", [](json& d) { d["summary"]["sections"]["5"]["fail"] = 0; }, "/summary/sections/5/fail", "count 1 failing in section 5"},
      {"section left out", [](json& d) { d["summary"]["sections"].erase("5"); }, "/summary/sections", "lists no tally for section '5'"},
      {"section made up", [](json& d) { d["summary"]["sections"]["9"] = {{"pass", 1}, {"fail", 0}, {"error", 0}}; }, "/summary/sections/9",
       "no result of the report is in section '9'"},
      {"level left out", [](json& d) { d["summary"]["levels"] = json::object(); }, "/summary/levels", "lists no tally for level '1'"},
      {"hostname with a NUL", [](json& d) { d["host"]["hostname"] = std::string("vm\0evil", 7); }, "/host/hostname",
       "holds a control character"},
      {"machine id with an escape", [](json& d) { d["host"]["machine_id"] = "\x1b[2J"; }, "/host/machine_id", "holds a control character"},
      {"host type", [](json& d) { d["host"]["hostname"] = json::array(); }, "/host/hostname", "expected a string"},
      {"no host name", [](json& d) { d["host"].erase("hostname"); d["host"].erase("machine_id"); }, "/host", "neither a hostname"},
      {"results object", [](json& d) { d["results"] = json::object(); }, "/results", "expected an array"},
      {"duplicate key", [](json& d) { d["results"][1]["key"] = "host.audit_docker"; }, "/results/1/key", "has two results"},
      {"control framework", [](json& d) { d["results"][0]["controls"] = json::array({{{"framework", "iso"}, {"id", "1"}, {"source", "x"}}}); },
       "/results/0/controls/0/framework", "not a control framework"},
      {"waiver twice", [](json& d) {
         json waiver{{"id", "W-1"}, {"check", "k.k"}, {"status", "applied"}, {"justification", "j"}, {"expires", "2027-01-01"}};
         d["waivers"] = json::array({waiver, waiver});
       }, "/waivers/1/id", "appears twice"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto document = sample();
    c.spoil(document);
    const auto problem = refusal(document);
    CHECK(problem.pointer == c.pointer);
    CHECK_MESSAGE(problem.message.find(c.message) != std::string::npos, problem.message);
  }
}

TEST_CASE("truncated, deep and oversized documents are refused without a crash") {
  const auto text = sample().dump();
  const auto truncated = read_report(text.substr(0, text.size() / 2));
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().message.find("not valid JSON") != std::string::npos);
  const auto deep = read_report(std::string(100000, '[') + std::string(100000, ']'));
  REQUIRE_FALSE(deep);
  CHECK(deep.error().message.find("nested deeper") != std::string::npos);
  const auto huge = read_report(std::string(kMaxReportBytes + 1, ' '));
  REQUIRE_FALSE(huge);
  CHECK(huge.error().message.find("larger than") != std::string::npos);
  CHECK_FALSE(read_report("null"));
  CHECK_FALSE(read_report("[]"));
  CHECK_FALSE(read_report("\xff\xfe"));
}

TEST_CASE("a small report cannot name its subjects thousands of times over in the store") {
  // One long name, two thousand failing instances of it: 20 MB kept from a
  // report of 90 kB. The instances kept may name their subjects in at most
  // four times the report's size and 1 MiB.
  auto document = sample();
  document["subjects"][0]["name"] = std::string(10000, 'n');
  document["results"][1]["instances"] = json::array();
  for (int i = 0; i < 2000; ++i) document["results"][1]["instances"].push_back({{"subject", 0}, {"state", "fail"}});
  const auto problem = refusal(document);
  CHECK(problem.pointer.starts_with("/results/1/instances/"));
  CHECK(problem.message.find("bytes in all (four times the report's size and 1 MiB): not stored") != std::string::npos);
  // The same instances under a short name are kept.
  document["subjects"][0]["name"] = "db";
  const auto run = read_report(document.dump());
  REQUIRE(run);
  CHECK(run->results[1].instances.size() == 2000);
}

TEST_CASE("a tally given twice in a summary is refused, not left to the store to find") {
  auto text = sample().dump();
  const std::string tallies = "\"sections\":{\"1\":";
  const auto at = text.find(tallies);
  REQUIRE(at != std::string::npos);
  text.insert(at + tallies.size() - 4, "\"1\":{\"error\":0,\"fail\":0,\"pass\":1,\"percent\":100.0},");
  const auto run = read_report(text);
  REQUIRE_FALSE(run);
  CHECK(run.error().pointer == "/summary/sections/1");
  CHECK(run.error().message == "section '1' has two tallies");
}

TEST_CASE("unknown keys of a newer v1 writer are ignored") {
  auto document = sample();
  document["new_top_level"] = {{"anything", 1}};
  document["results"][0]["new_field"] = 3;
  CHECK(read_report(document.dump()));
}

TEST_CASE("a failed run is read as failed: its reason, its host, no results") {
  const auto run = read_report(make_failed_report(run_id(9), "web-1", "2026-11-03T02:00:00Z", "internal error: boom").dump());
  REQUIRE(run);
  CHECK(run->state == "failed");
  CHECK(run->failure == "internal error: boom");
  CHECK(run->hostname == "web-1");
  CHECK(run->machine_id.empty());
  CHECK(run->results.empty());
  CHECK(run->score == 0);

  const auto completed = read_report(sample().dump());
  REQUIRE(completed);
  CHECK(completed->state == "completed");
  CHECK(completed->failure.empty());

  auto with_results = make_failed_report(run_id(9), "web-1", "2026-11-03T02:00:00Z", "boom");
  with_results["results"] = sample()["results"];
  CHECK(refusal(with_results).pointer == "/results");
  auto no_reason = make_failed_report(run_id(9), "web-1", "2026-11-03T02:00:00Z", "");
  CHECK(refusal(no_reason).pointer == "/run/reason");
  auto other_state = make_failed_report(run_id(9), "web-1", "2026-11-03T02:00:00Z", "boom");
  other_state["run"]["state"] = "finished";
  CHECK(refusal(other_state).pointer == "/run/state");
  auto nameless = make_failed_report(run_id(9), "", "2026-11-03T02:00:00Z", "boom");
  CHECK(refusal(nameless).pointer == "/host");
}
