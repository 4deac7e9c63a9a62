// SPDX-License-Identifier: Apache-2.0
#include "model/container_running.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "util/json_pointer.hpp"

namespace dockcis::model {

bool container_running(const nlohmann::json& list_entry, const nlohmann::json* inspect) {
  const auto* running = inspect != nullptr ? util::find_at(*inspect, "/State/Running") : nullptr;
  if (running != nullptr && running->is_boolean()) {
    // Between two starts (a restart policy's back-off) Running stays true with no process.
    const auto* restarting = util::find_at(*inspect, "/State/Restarting");
    return running->get<bool>() && !(restarting != nullptr && restarting->is_boolean() && restarting->get<bool>());
  }
  const auto* state = list_entry.is_object() ? util::find_at(list_entry, "/State") : nullptr;
  if (state != nullptr && state->is_string()) return state->get_ref<const std::string&>() == "running";
  return true;
}

}  // namespace dockcis::model
