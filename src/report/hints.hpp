// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>

#include "model/unavailable.hpp"

namespace dockcis::report {

/// What a reader can do about something dockcis could not read, by why it
/// could not ("" when there is nothing useful to add).
std::string hint_for(std::optional<model::ErrorKind> kind);

}  // namespace dockcis::report
