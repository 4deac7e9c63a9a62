// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/control.hpp"

namespace dockcis::engine {

/// Frameworks a check's "controls" may name.
inline constexpr const char* kNistFramework = "nist-800-53-r5";
inline constexpr const char* kCisControlsFramework = "cis-controls-v8";

/// Reads a check's "controls": [{"framework", "id", "source"}]. Each problem
/// is {JSON pointer, message}; entries with a problem are left out.
std::vector<model::ControlRef> parse_controls(const nlohmann::json& node, const std::string& pointer,
                                              std::vector<std::pair<std::string, std::string>>& problems);

}  // namespace dockcis::engine
