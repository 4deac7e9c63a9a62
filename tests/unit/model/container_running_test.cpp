// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "model/container_running.hpp"

using dockcis::model::container_running;
using nlohmann::json;

TEST_CASE("a container runs as its inspect says, else as its list entry says, else it counts as running") {
  const json listed_running = {{"Id", "c1"}, {"State", "running"}};
  const json listed_exited = {{"Id", "c1"}, {"State", "exited"}};
  const json listed_silent = {{"Id", "c1"}};
  const json inspect_running = {{"State", {{"Running", true}, {"Paused", true}, {"Restarting", false}}}};
  const json inspect_stopped = {{"State", {{"Running", false}}}};
  // The inspect is the fresher document: it decides where the two differ.
  CHECK(container_running(listed_exited, &inspect_running));
  CHECK_FALSE(container_running(listed_running, &inspect_stopped));
  // Without a boolean State.Running, the list's State text.
  for (const json& unsaid : {json::object(), json{{"State", "running"}}, json{{"State", {{"Running", "false"}}}},
                             json{{"State", {{"Running", 0}}}}, json{{"State", nullptr}}, json(42)}) {
    CAPTURE(unsaid.dump());
    CHECK(container_running(listed_running, &unsaid));
    CHECK_FALSE(container_running(listed_exited, &unsaid));
    CHECK(container_running(listed_silent, &unsaid));
  }
  // Waiting to restart: Running stays true, but there is no process to look at.
  const json inspect_restarting = {{"State", {{"Running", true}, {"Restarting", true}, {"Pid", 0}}}};
  CHECK_FALSE(container_running(listed_running, &inspect_restarting));
  const json restarting_unsaid = {{"State", {{"Running", true}, {"Restarting", "yes"}}}};
  CHECK(container_running(listed_exited, &restarting_unsaid));
  CHECK(container_running(listed_running, nullptr));
  CHECK_FALSE(container_running(json{{"State", "paused"}}, nullptr));
  // Neither says: judged, not passed over.
  for (const json& entry : {listed_silent, json{{"State", 1}}, json{{"State", {{"Running", false}}}}, json("c1"), json()}) {
    CAPTURE(entry.dump());
    CHECK(container_running(entry, nullptr));
  }
}
