// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>

#include "engine/evaluate.hpp"
#include "model/setting.hpp"

// Where a daemon option's value comes from, computed from the facts: the live
// engine (for a check that reads it first, falling back to the configuration),
// dockerd's command line, the unit's ExecStart, daemon.json and dockerd's
// default, side by side, with the one that decided.
namespace dockcis::engine {

/// The daemon options a test reads from daemon.config (/options/<name>/...), in order.
std::vector<std::string> options_read(const model::Test& test);

/// The setting of the daemon option a host-wide check is about: the option the
/// deciding predicate read (`decided`'s "option" slot), else the first one its
/// test reads; nothing for a check that reads no daemon option.
std::optional<model::Setting> setting_of(const model::Check& check, const EvalContext& context, const Slots& decided);

}  // namespace dockcis::engine
