// SPDX-License-Identifier: Apache-2.0
#include "model/fields_read.hpp"

#include <nlohmann/json.hpp>

#include "util/json_keep.hpp"

namespace dockcis::model {

void keep_fields(nlohmann::json& document, const std::vector<std::string>& pointers) { util::JsonKeep(pointers).trim(document); }

}  // namespace dockcis::model
