// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

#include "collect/fact_request.hpp"

namespace dockcis::collect {

/// The collector of a registered fact kind; nullptr for a kind without one
/// (a test asserts every kind has one).
Collector collector_for(std::string_view kind);

}  // namespace dockcis::collect
