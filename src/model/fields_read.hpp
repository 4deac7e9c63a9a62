// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace dockcis::model {

/// RFC 6901 pointers into a kind of per-instance document, by fact kind name
/// ("container.inspect" -> {"/HostConfig/Privileged", ...}); "" is the whole
/// document. Collection keeps only these parts of a large document.
using FieldsRead = std::map<std::string, std::vector<std::string>, std::less<>>;

/// `document` reduced to the values at `pointers` (each copied whole, with
/// the objects leading to it). A pointer that passes through an array keeps
/// that array whole; one that finds nothing keeps nothing. Without pointers,
/// or with "", the document stays as it is.
void keep_fields(nlohmann::json& document, const std::vector<std::string>& pointers);

}  // namespace dockcis::model
