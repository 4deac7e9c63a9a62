// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/unavailable.hpp"

namespace dockcis::report {

/// What a reader can do about something dockcis could not read, by why it
/// could not ("" when there is nothing useful to add). The kind alone does
/// not tell what cut a timed-out read: `reason`, the message of the error,
/// names the run's deadline or the layer scan's bound when one of them did.
std::string hint_for(std::optional<model::ErrorKind> kind, std::string_view reason);

}  // namespace dockcis::report
