// SPDX-License-Identifier: Apache-2.0
#include "model/state.hpp"

namespace dockcis::model {

std::string_view to_string(State state) {
  switch (state) {
    case State::pass: return "pass";
    case State::fail: return "fail";
    case State::error: return "error";
    case State::notapplicable: return "notapplicable";
    case State::manual: return "manual";
    case State::notselected: return "notselected";
    case State::info: return "info";
    case State::waived: return "waived";
  }
  return "error";
}

std::optional<State> parse_state(std::string_view name) {
  for (State state : kAllStates) {
    if (to_string(state) == name) return state;
  }
  return std::nullopt;
}

}  // namespace dockcis::model
