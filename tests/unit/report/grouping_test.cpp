// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <array>

#include "report/grouping.hpp"
#include "report/render.hpp"
#include "util/strings.hpp"

using namespace dockcis;
using model::State;

TEST_CASE("instances failing for the same reason form one group, the largest first") {
  std::vector<model::InstanceResult> instances;
  for (int i = 0; i < 1013; ++i) {
    model::InstanceResult item("", "acc-" + std::to_string(i), "");
    item.state = i == 7 ? State::pass : (i % 500 == 1 ? State::error : State::fail);
    item.reason = item.state == State::fail ? "NET_RAW is not dropped" : "could not inspect";
    instances.push_back(item);
  }
  constexpr std::array kShown{State::fail, State::error};
  const auto groups = report::group_instances(instances, kShown);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].state == State::fail);
  CHECK(groups[0].members.size() == 1009);
  CHECK(groups[1].state == State::error);
  CHECK(groups[1].members.size() == 3);
  CHECK(report::share_text(groups[0].members.size(), instances.size(), "container") == "1,009 of 1,013 containers");
  CHECK(report::member_names(groups[0], 3) == "acc-0, acc-2, acc-3 ... and 1,006 more");
  CHECK(report::member_names(groups[1], 0) == "acc-1, acc-501, acc-1001");
  CHECK(util::count_text(1234567) == "1,234,567");
  CHECK(util::count_text(0) == "0");
  CHECK(util::count_text(999) == "999");
  CHECK(util::count_text(1000) == "1,000");
  CHECK(util::count_text(100000) == "100,000");
  CHECK(report::share_text(1, 1, "") == "1 of 1 instance");
}

TEST_CASE("groups a report leaves out are counted in one phrase, and a text report shows five groups at most") {
  std::vector<model::InstanceResult> instances;
  for (int i = 0; i < 1200; ++i) {
    model::InstanceResult item("", "c-" + std::to_string(i), "");
    item.state = State::fail;
    // Most share a reason; every tenth names its own mount.
    item.reason = i % 10 == 0 ? "/etc/app-" + std::to_string(i) + " is mounted" : "/etc is mounted";
    instances.push_back(item);
  }
  constexpr std::array kShown{State::fail, State::error};
  const auto groups = report::group_instances(instances, kShown);
  REQUIRE(groups.size() == 121);
  CHECK(report::rest_text(std::span(groups).subspan(5), "container") == "... and 116 more containers for 116 other reasons");
  CHECK(report::rest_text(std::span(groups).subspan(120), "") == "... and 1 more instance for 1 other reason");

  model::Report report;
  report.sections = {{"5", "Runtime"}};
  model::CheckResult result;
  result.id = "5.6";
  result.section = "5";
  result.state = State::fail;
  result.collection = "container";
  result.instances = instances;
  report.results.push_back(result);
  const auto text = report::render_text(report, {});
  CHECK(std::ranges::count(text, '\n') < 40);
  CHECK(text.find("       - ... and 116 more containers for 116 other reasons (all with --verbose)\n") != std::string::npos);
  const auto verbose = report::render_text(report, {.verbose = true});
  CHECK(verbose.find("other reasons") == std::string::npos);
  CHECK(verbose.find("           c-1190\n") != std::string::npos);
  const auto html = report::render_html(report);
  CHECK(html.find("<li>... and 111 more containers for 111 other reasons (in the table below)</li>") != std::string::npos);
}
