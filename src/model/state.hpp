// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace dockcis::model {

/// Result states, as the design fixes them. `error` means "could not look" and
/// is never folded into `pass`.
enum class State { pass, fail, error, notapplicable, manual, notselected, info, waived };

inline constexpr std::array kAllStates{State::pass,   State::fail,        State::error, State::notapplicable,
                                       State::manual, State::notselected, State::info,  State::waived};

std::string_view to_string(State state);
std::optional<State> parse_state(std::string_view name);

}  // namespace dockcis::model
