// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <array>

#include "report/grouping.hpp"

using namespace dockcis;
using model::State;

TEST_CASE("instances failing for the same reason form one group, the largest first") {
  std::vector<model::InstanceResult> instances;
  for (int i = 0; i < 1013; ++i) {
    model::InstanceResult item;
    item.name = "acc-" + std::to_string(i);
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
  CHECK(report::count_text(1234567) == "1,234,567");
  CHECK(report::share_text(1, 1, "") == "1 of 1 instance");
}
