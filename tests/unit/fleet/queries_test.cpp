// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "fleet/queries.hpp"
#include "fleet/report_reader.hpp"
#include "fleet_fixture.hpp"

using namespace dockcis::fleet;
using namespace dockcis::fleet::test;

namespace {

void put(Store& store, json document, const std::string& group = {}) {
  const auto text = document.dump();
  auto run = read_report(text).value();
  if (!group.empty()) run.group = group;
  REQUIRE(store.ingest(run, "sha256:" + run.run_id, "test").value().status == IngestStatus::stored);
}

// Three hosts: web-1 got worse overnight, web-2 stayed the same, db-1 stopped reporting.
void fleet_of_three(Store& store) {
  put(store, make_report(run_id(1), "web-1", "2026-11-01T02:00:00Z",
                         {{"host.audit_docker", "1.1.3", "pass"}, {"container.privileged", "5.5", "pass", "high", {{"app", "pass"}}},
                          {"daemon.icc", "2.2", "fail"}}), "web");
  put(store, make_report(run_id(2), "web-1", "2026-11-02T02:00:00Z",
                         {{"host.audit_docker", "1.1.3", "pass"},
                          {"container.privileged", "5.5", "fail", "high", {{"app", "fail"}, {"sidecar", "fail"}}},
                          {"daemon.icc", "2.2", "fail"}}), "web");
  put(store, make_report(run_id(3), "web-2", "2026-11-01T02:10:00Z",
                         {{"host.audit_docker", "1.1.3", "fail"}, {"container.privileged", "5.5", "pass"}, {"daemon.icc", "2.2", "pass"}}), "web");
  auto web2 = make_report(run_id(4), "web-2", "2026-11-02T02:10:00Z",
                          {{"host.audit_docker", "1.1.3", "fail"}, {"container.privileged", "5.5", "pass"},
                           {"daemon.icc", "2.2", "waived", "medium", {}, "W-1", "fail"}});
  web2["waivers"] = json::array({{{"id", "W-1"}, {"check", "daemon.icc"}, {"status", "applied"}, {"justification", "legacy app"},
                                  {"approver", "sec"}, {"ticket", "T-1"}, {"expires", "2026-11-20"}, {"applied_to", 1}},
                                 {{"id", "W-0"}, {"check", "daemon.tls"}, {"status", "expired"}, {"justification", "old"},
                                  {"expires", "2026-10-01"}},
                                 {{"id", "W-9"}, {"check", "daemon.tls"}, {"status", "unused"}, {"justification", "far"},
                                  {"expires", "2027-06-01"}},
                                 {{"id", "W-8"}, {"check", "daemon.tls"}, {"status", "unused"}, {"justification", "no such day"},
                                  {"expires", "2027-02-30"}}});
  web2["results"][0]["controls"] = json::array({{{"framework", "nist-800-53-r5"}, {"id", "AU-2"}, {"source", "test source"}}});
  put(store, web2, "web");
  put(store, make_report(run_id(5), "db-1", "2026-10-20T02:00:00Z",
                         {{"host.audit_docker", "1.1.3", "fail"}, {"container.privileged", "5.5", "fail", "high", {{"pg", "fail"}}},
                          {"daemon.icc", "2.2", "error"}}, "cis-docker-1.6.0"), "db");
}

FleetFilter as_of_nov_2() {
  FleetFilter filter;
  filter.as_of = "2026-11-02T12:00:00Z";
  filter.since = "2026-10-01T00:00:00Z";
  return filter;
}

const FailingCheck* failing(const FleetView& view, const std::string& key) {
  for (const auto& check : view.failing_checks) {
    if (check.key == key) return &check;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the fleet view: newest run per host, fleet score, stale hosts") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  const auto view = build_fleet_view(store.database(), as_of_nov_2()).value();
  REQUIRE(view.hosts.size() == 3);
  CHECK(view.hosts[0].hostname == "db-1");
  CHECK(view.hosts[1].hostname == "web-1");
  CHECK(view.hosts[1].run_id == run_id(2));
  CHECK(view.hosts[1].previous_score.value() == doctest::Approx(200.0 / 3));
  // Newest runs: web-1 1 pass 2 fail, web-2 1 pass 1 fail (1 waived), db-1 0 pass 2 fail 1 error.
  CHECK(view.fleet.pass == 2);
  CHECK(view.fleet.fail == 5);
  CHECK(view.fleet.error == 1);
  CHECK(view.runs_in_window == 5);
  CHECK(view.hosts[0].stale);
  CHECK(view.hosts[0].days_since_run == 13);
  CHECK_FALSE(view.hosts[1].stale);
  REQUIRE(view.sections.size() == 3);
  CHECK(view.sections[0].first == "1");
  CHECK(view.hosts[1].sections.at("5").fail == 1);
}

TEST_CASE("failing checks count hosts and name the containers behind them") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  const auto view = build_fleet_view(store.database(), as_of_nov_2()).value();
  const auto* privileged = failing(view, "container.privileged");
  REQUIRE(privileged != nullptr);
  CHECK(privileged->hosts_failing == 2);
  CHECK(privileged->hosts_evaluated == 3);
  CHECK(privileged->containers_failing == 3);
  REQUIRE(privileged->containers.size() == 3);
  CHECK(privileged->containers[0].host == "web-1");
  const auto* audit = failing(view, "host.audit_docker");
  REQUIRE(audit != nullptr);
  CHECK(audit->hosts_failing == 2);
  const auto* icc = failing(view, "daemon.icc");
  REQUIRE(icc != nullptr);
  CHECK(icc->hosts_failing == 1);
  CHECK(icc->hosts_error == 1);
  CHECK(view.failing_checks.front().hosts_failing + view.failing_checks.front().hosts_error == 2);
}

TEST_CASE("regressions, waivers, versions, controls and drill-downs") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  const auto view = build_fleet_view(store.database(), as_of_nov_2()).value();
  // web-1 has a newly failing check; web-2's score fell (a passing check is now waived).
  REQUIRE(view.regressions.size() == 2);
  CHECK(view.regressions[1].host == "web-2");
  CHECK(view.regressions[1].changes.empty());
  CHECK(view.regressions[1].latest_score < view.regressions[1].previous_score);
  CHECK(view.regressions[0].host == "web-1");
  REQUIRE(view.regressions[0].changes.size() == 1);
  CHECK(view.regressions[0].changes[0].key == "container.privileged");
  CHECK(view.regressions[0].changes[0].old_state == "pass");
  CHECK(view.regressions[0].changes[0].new_failing_containers == 2);

  // W-0 expired, W-8's expiry names no day (shown expired), W-1 expires in 18 days; W-9 is far off.
  REQUIRE(view.waivers.size() == 3);
  CHECK(view.waivers[0].id == "W-0");
  CHECK(view.waivers[0].expired);
  CHECK(view.waivers[1].id == "W-8");
  CHECK(view.waivers[1].expired);
  CHECK(view.waivers[2].id == "W-1");
  CHECK(view.waivers[2].days_left == 18);

  int docker = 0, benchmark = 0;
  for (const auto& version : view.versions) {
    docker += version.kind == "docker" ? version.hosts : 0;
    if (version.kind == "benchmark" && version.version == "cis-docker-1.8.0") benchmark = version.hosts;
  }
  CHECK(docker == 3);
  CHECK(benchmark == 2);

  REQUIRE(view.controls.size() == 1);
  CHECK(view.controls[0].control == "AU-2");
  CHECK(view.controls[0].hosts_failing == 2);

  REQUIRE(view.details.size() == 3);
  CHECK(view.details[1].history.size() == 2);
  CHECK(view.details[1].results.size() == 2);
  CHECK(view.details[2].results.size() == 2);  // web-2: a failure and a waived result
}

TEST_CASE("the catalogue's titles, controls and section titles win over what a host's report said") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  // The newest report to name them retitles a check, remaps its controls and renames a section.
  auto liar = make_report(run_id(6), "evil", "2026-11-02T03:00:00Z",
                          {{"host.audit_docker", "1.1.3", "fail"}, {"daemon.icc", "2.2", "fail"}});
  liar["results"][0]["title"] = "Accepted risk - no action needed";
  liar["results"][0]["controls"] = json::array({{{"framework", "nist-800-53-r5"}, {"id", "XX-0"}, {"source", "bogus"}}});
  liar["results"][1]["title"] = "Site check, retitled";
  // Under a profile id of its own, as the store keeps the first titles of a profile's sections.
  liar["profile"]["id"] = "zz";
  liar["sections"] = json::array({{{"id", "1"}, {"title", "Hijacked"}}, {{"id", "2"}, {"title", "Hijacked too"}}});
  {
    // Ingested by a process of its own, as a later `dockcis fleet ingest` is (a store caches the checks it wrote).
    auto later = Store::open(test.target()).value();
    put(later, liar);
  }

  CatalogueText catalogue;
  auto& audit_check = catalogue.checks["host.audit_docker"];
  audit_check.title = "Ensure auditing is configured for the Docker daemon";
  audit_check.titles = {{"cis-docker-1.6.0", "Ensure auditing is configured for the Docker daemon (1.6.0)"}};
  audit_check.severity = "low";
  audit_check.controls = {{"nist-800-53-r5", "AU-2", "catalogue"}, {"cis-controls-v8", "8.2", "catalogue"}};
  catalogue.sections = {{"cis-docker-1.8.0", {{"1", "Host Configuration"}}}};
  auto filter = as_of_nov_2();
  filter.catalogue = &catalogue;
  const auto view = build_fleet_view(store.database(), filter).value();

  const auto* audit = failing(view, "host.audit_docker");
  REQUIRE(audit != nullptr);
  CHECK(audit->title == "Ensure auditing is configured for the Docker daemon");
  CHECK(audit->severity == "low");
  // Each host's drill-down names the check as its benchmark version does (db-1 runs 1.6.0).
  for (const auto& detail : view.details) {
    CAPTURE(detail.host);
    for (const auto& result : detail.results) {
      if (result.key != "host.audit_docker") continue;
      CHECK(result.title == (detail.host == "db-1" ? "Ensure auditing is configured for the Docker daemon (1.6.0)"
                                                   : "Ensure auditing is configured for the Docker daemon"));
    }
  }
  // A check the catalogue does not know keeps the store's text.
  const auto* icc = failing(view, "daemon.icc");
  REQUIRE(icc != nullptr);
  CHECK(icc->title == "Site check, retitled");

  std::map<std::string, std::string> controls;
  for (const auto& control : view.controls) controls[control.framework + " " + control.control] = control.sources;
  CHECK(controls.size() == 2);
  CHECK(controls["nist-800-53-r5 AU-2"] == "catalogue");
  CHECK(controls["cis-controls-v8 8.2"] == "catalogue");
  CHECK_FALSE(controls.contains("nist-800-53-r5 XX-0"));

  std::map<std::string, std::string> sections(view.sections.begin(), view.sections.end());
  CHECK(sections["1"] == "Host Configuration");
  CHECK(sections["2"] == "Hijacked too");  // in no profile of the catalogue's: the store's

  // Without a catalogue, the store's text: the liar's, as the newest report.
  const auto plain = build_fleet_view(store.database(), as_of_nov_2()).value();
  CHECK(failing(plain, "host.audit_docker")->title == "Accepted risk - no action needed");
}

TEST_CASE("section titles: the newest benchmark's, 1.10.0 after 1.8.0, in the catalogue and in the store") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  auto older = make_report(run_id(1), "old", "2026-11-01T02:00:00Z", {{"container.privileged", "5.5", "fail"}}, "cis-docker-1.8.0");
  older["sections"][1]["title"] = "Runtime, as 1.8.0 has it";
  auto newer = make_report(run_id(2), "new", "2026-11-01T03:00:00Z", {{"container.privileged", "5.5", "fail"}}, "cis-docker-1.10.0");
  newer["sections"][1]["title"] = "Runtime, as 1.10.0 has it";
  // Stored newest first, so that neither the order of ingest nor of rows decides.
  put(store, newer);
  put(store, older);
  std::map<std::string, std::string> sections;
  const auto plain = build_fleet_view(store.database(), as_of_nov_2()).value();
  sections = {plain.sections.begin(), plain.sections.end()};
  CHECK(sections["5"] == "Runtime, as 1.10.0 has it");

  CatalogueText catalogue;
  catalogue.sections = {{"cis-docker-1.8.0", {{"5", "Container Runtime (1.8.0)"}}},
                        {"cis-docker-1.10.0", {{"5", "Container Runtime (1.10.0)"}}}};
  auto filter = as_of_nov_2();
  filter.catalogue = &catalogue;
  const auto view = build_fleet_view(store.database(), filter).value();
  sections = {view.sections.begin(), view.sections.end()};
  CHECK(sections["5"] == "Container Runtime (1.10.0)");
}

TEST_CASE("trend: one point per day over each host's newest run that day") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  const auto view = build_fleet_view(store.database(), as_of_nov_2()).value();
  REQUIRE(view.trend.size() == 3);
  CHECK(view.trend[0].date == "2026-10-20");
  CHECK(view.trend[1].date == "2026-11-01");
  CHECK(view.trend[1].hosts == 2);
  CHECK(view.trend[1].tally.pass == 4);
  CHECK(view.trend[1].tally.fail == 2);
  CHECK(view.trend[2].hosts == 2);
}

TEST_CASE("filters: host pattern, group and time window") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  auto filter = as_of_nov_2();
  filter.host_pattern = "web-*";
  auto view = build_fleet_view(store.database(), filter).value();
  CHECK(view.hosts.size() == 2);
  CHECK(view.runs_in_window == 4);
  filter.host_pattern.clear();
  filter.group = "db";
  view = build_fleet_view(store.database(), filter).value();
  REQUIRE(view.hosts.size() == 1);
  CHECK(view.hosts[0].hostname == "db-1");
  CHECK(view.trend.size() == 1);
  filter.group.clear();
  filter.until = "2026-11-01T23:59:59Z";
  view = build_fleet_view(store.database(), filter).value();
  REQUIRE(view.hosts.size() == 3);
  CHECK(view.hosts[1].run_id == run_id(1));
  CHECK(view.regressions.empty());
}

TEST_CASE("a host whose newest run failed: shown failed with its reason and date, never as its previous run, never compliant") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  fleet_of_three(store);
  // The failed run names its host by hostname alone and gives no group: it is web-1's, in group web.
  put(store, make_failed_report(run_id(6), "web-1", "2026-11-02T06:00:00Z", "cannot connect to the Docker daemon"));
  const auto view = build_fleet_view(store.database(), as_of_nov_2()).value();
  REQUIRE(view.hosts.size() == 3);
  const auto& web1 = view.hosts[1];
  CHECK(web1.hostname == "web-1");
  CHECK(web1.group == "web");
  CHECK(web1.failed);
  CHECK(web1.failure == "cannot connect to the Docker daemon");
  CHECK(web1.run_id == run_id(6));
  CHECK(web1.started_at == "2026-11-02T06:00:00Z");
  CHECK(web1.tally.scored() == 0);
  CHECK(web1.sections.empty());
  // The run before it, for reference only.
  CHECK(web1.previous_score.value() == doctest::Approx(100.0 / 3));
  CHECK_FALSE(view.hosts[2].failed);
  // Fleet figures: web-2 and db-1 only (web-1's failed run adds nothing).
  CHECK(view.fleet.pass == 1);
  CHECK(view.fleet.fail == 3);
  CHECK(view.fleet.error == 1);
  CHECK(view.runs_in_window == 6);
  // Nothing of web-1 counts as failing or regressing: there are no results to say so.
  CHECK(failing(view, "container.privileged")->hosts_failing == 1);
  for (const auto& regression : view.regressions) CHECK(regression.host != "web-1");
  CHECK(view.details[1].results.empty());
  CHECK(view.details[1].history.size() == 2);
  // The trend is over completed runs: the same as without the failed run.
  REQUIRE(view.trend.size() == 3);
  CHECK(view.trend[2].hosts == 2);
  int docker = 0, tool = 0;
  for (const auto& version : view.versions) {
    docker += version.kind == "docker" ? version.hosts : 0;
    tool += version.kind == "tool" ? version.hosts : 0;
  }
  CHECK(docker == 2);
  CHECK(tool == 3);
}

TEST_CASE("a failed run of a host never seen before is a host of its own; a later completed run of the host replaces it") {
  TestStore test;
  auto store = Store::open(test.target()).value();
  put(store, make_failed_report(run_id(1), "new-1", "2026-11-01T02:00:00Z", "internal error: boom"), "edge");
  auto view = build_fleet_view(store.database(), as_of_nov_2()).value();
  REQUIRE(view.hosts.size() == 1);
  CHECK(view.hosts[0].failed);
  CHECK(view.hosts[0].group == "edge");
  CHECK(view.fleet.scored() == 0);
  // Its first completed run gives the host its machine id: still one host, now completed.
  put(store, make_report(run_id(2), "new-1", "2026-11-02T02:00:00Z", {{"daemon.icc", "2.2", "pass"}}), "edge");
  view = build_fleet_view(store.database(), as_of_nov_2()).value();
  REQUIRE(view.hosts.size() == 1);
  CHECK_FALSE(view.hosts[0].failed);
  CHECK(view.hosts[0].machine_id == "mid-new-1");
  CHECK(view.hosts[0].run_id == run_id(2));
  CHECK_FALSE(view.hosts[0].previous_score.has_value());
  CHECK(view.runs_in_window == 2);
}

TEST_CASE("fleet times: any date of years 0 to 9999, past the clock's nanoseconds (2262)") {
  CHECK(normalise_time("2026-11-23", false) == "2026-11-23T00:00:00Z");
  CHECK(normalise_time("9999-12-31", true) == "9999-12-31T23:59:59Z");
  CHECK(normalise_time("2600-01-01T12:00:00Z", false) == "2600-01-01T12:00:00Z");
  CHECK(normalise_time("2026-11-23T12:00", false).empty());
  CHECK(add_days("9999-12-31T23:59:59Z", -7) == "9999-12-24T23:59:59Z");
  CHECK(add_days("2600-03-01T00:00:00Z", -1) == "2600-02-28T00:00:00Z");
  // Past the years RFC 3339 writes, as far as they go in the direction asked.
  CHECK(add_days("9999-12-31T00:00:00Z", 1) == "9999-12-31T23:59:59Z");
  CHECK(add_days("0000-02-01T00:00:00Z", -90) == "0000-01-01T00:00:00Z");
  CHECK(add_days("0000-02-01T00:00:00Z", -31) == "0000-01-01T00:00:00Z");
}
