// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <set>

#include "fleet/queries.hpp"
#include "fleet/report_reader.hpp"
#include "fleet_fixture.hpp"
#include "fleet_report/fleet_render.hpp"

using namespace dockcis::fleet;
namespace render = dockcis::fleet_report;

namespace {
FleetView hostile_view() {
  FleetView view;
  view.generated_at = view.filter.as_of = view.filter.until = "2026-11-02T12:00:00Z";
  view.filter.since = "2026-10-01T00:00:00Z";
  HostRow host;
  host.hostname = "=HYPERLINK(\"http://x\")<script>alert(1)</script>\x1b[31m";
  host.label = host.hostname;
  host.group = "@ops";
  host.run_id = "00000000-0000-4000-8000-000000000001";
  host.started_at = "2026-11-02T02:00:00Z";
  host.score = 50;
  host.tally = {1, 1, 0};
  host.sections["5"] = {1, 1, 0};
  view.hosts.push_back(host);
  view.fleet = host.tally;
  view.sections = {{"5", "Container Runtime"}};
  view.trend = {{"2026-11-02", 1, {1, 1, 0}}};
  view.failing_checks.push_back({"container.privileged", "Privileged", "5.5", "critical", 1, 0, 1, {host.hostname}, 1,
                                 {{host.hostname, "-rm -rf /", "img"}}});
  view.details.push_back({host.hostname, {{"5.5", "container.privileged", "Privileged", "critical", "fail", "why", "", {"-rm -rf /"}}},
                          {{"2026-11-02T02:00:00Z", 50}}});
  return view;
}
}  // namespace

TEST_CASE("fleet CSV: every row names its table; host text cannot start a formula") {
  const auto csv = render::render_csv(hostile_view());
  CHECK(csv.find("\r\ntable,host,machine_id,group") != std::string::npos);
  CHECK(csv.find("hosts,\"'=HYPERLINK(\"\"http://x\"\")") != std::string::npos);
  CHECK(csv.find("\"'@ops\"") != std::string::npos);
  CHECK(csv.find("\"'-rm -rf /\"") != std::string::npos);
  CHECK(csv.find("\x1b") == std::string::npos);
  CHECK(csv.find("trend,\"2026-11-02\",1,1,1,0,50.00") != std::string::npos);
}

TEST_CASE("fleet HTML: host text is escaped text, one script, no network") {
  const auto html = render::render_html(hostile_view());
  CHECK(html.find("<script>alert(1)") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  std::size_t scripts = 0;
  for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
  CHECK(scripts == 1);
  CHECK(html.find("http://x") != std::string::npos);  // as text inside the host name
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
}

TEST_CASE("fleet JSON: the same tables under a versioned schema") {
  const auto json = render::to_json(hostile_view());
  CHECK(json["schema"] == "dockcis.fleet-report/v1");
  CHECK(json["hosts"][0]["sections"]["5"]["score"] == 50.0);
  CHECK(json["failing_checks"][0]["containers"][0]["name"] == "-rm -rf /");
  CHECK(json["fleet"]["score"] == 50.0);
  CHECK(render::parse_format("csv") == render::Format::csv);
  CHECK_FALSE(render::parse_format("pdf"));
}

TEST_CASE("fleet report of hosts whose newest run failed: run failed, with reason, no score anywhere") {
  using namespace dockcis::fleet::test;
  TestStore test;
  auto store = Store::open(test.target()).value();
  const auto text = make_failed_report(run_id(1), "edge-1", "2026-11-01T02:00:00Z", "cannot connect to the Docker daemon").dump();
  REQUIRE(store.ingest(read_report(text).value(), "sha256:x", "test").value().status == IngestStatus::stored);
  FleetFilter filter;
  filter.as_of = "2026-11-02T12:00:00Z";
  const auto view = build_fleet_view(store.database(), filter).value();

  const auto document = json::parse(render::render(view, render::Format::json));
  CHECK(document["fleet"]["score"].is_null());
  CHECK(document["fleet"]["failed_hosts"] == 1);
  const auto& host = document["hosts"][0];
  CHECK(host["run_state"] == "failed");
  CHECK(host["failure"] == "cannot connect to the Docker daemon");
  CHECK(host["score"].is_null());

  const auto csv = render::render(view, render::Format::csv);
  CHECK(csv.find("\"failed\",\"cannot connect to the Docker daemon\"") != std::string::npos);
  CHECK(csv.find(",100.00,") == std::string::npos);

  const auto html = render::render(view, render::Format::html);
  CHECK(html.find("run failed") != std::string::npos);
  CHECK(html.find("could not audit: cannot connect to the Docker daemon") != std::string::npos);
  CHECK(html.find(R"(id="card-score"><div class="value">-</div>)") != std::string::npos);
  CHECK(html.find(R"(id="card-failed"><div class="value">1</div>)") != std::string::npos);
}

TEST_CASE("fleet report of two hosts of one hostname: told apart in every table, each its own anchor") {
  using namespace dockcis::fleet::test;
  TestStore test;
  auto store = Store::open(test.target()).value();
  for (int n : {1, 2}) {
    auto report = make_report(run_id(n), "vm", "2026-11-01T02:00:00Z", {{"daemon.icc", "2.2", n == 1 ? "fail" : "pass"}});
    report["host"]["machine_id"] = std::string(32, n == 1 ? 'a' : '0');
    REQUIRE(store.ingest(read_report(report.dump()).value(), "sha256:" + std::to_string(n), "test").value().status == IngestStatus::stored);
  }
  FleetFilter filter;
  filter.as_of = "2026-11-02T12:00:00Z";
  const auto view = build_fleet_view(store.database(), filter).value();
  REQUIRE(view.hosts.size() == 2);
  CHECK(view.hosts[0].label.starts_with("vm [machine 000000000000 #"));
  CHECK(view.hosts[1].label.starts_with("vm [machine aaaaaaaaaaaa #"));
  REQUIRE(view.failing_checks.size() == 1);
  CHECK(view.failing_checks[0].hosts == std::vector<std::string>{view.hosts[1].label});

  // A third host that gives another's label as its hostname is told apart too.
  auto lookalike = make_report(run_id(3), view.hosts[1].label, "2026-11-01T02:00:00Z", {{"daemon.icc", "2.2", "pass"}});
  REQUIRE(store.ingest(read_report(lookalike.dump()).value(), "sha256:3", "test").value().status == IngestStatus::stored);
  const auto three = build_fleet_view(store.database(), filter).value();
  REQUIRE(three.hosts.size() == 3);
  std::set<std::string> labels;
  for (const auto& host : three.hosts) CHECK(labels.insert(host.label).second);

  const auto html = render::render(three, render::Format::html);
  std::set<std::string> anchors;
  for (auto at = html.find("id=\"host-"); at != std::string::npos; at = html.find("id=\"host-", at + 1)) {
    CHECK(anchors.insert(html.substr(at, html.find('"', at + 4) - at)).second);
  }
  CHECK(anchors.size() == 3);
}
