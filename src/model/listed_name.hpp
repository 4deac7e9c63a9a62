// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace dockcis::model {

/// The name reports give an entry of an Engine API list: a container's first
/// name (without its '/'), a network's name, an image's first tag; else the
/// first 12 characters of its id. Hostile lists put anything in these
/// fields: only strings name an entry.
std::string listed_name(const nlohmann::json& entry);

}  // namespace dockcis::model
