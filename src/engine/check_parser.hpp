// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <set>
#include <string>

#include "engine/diagnostics.hpp"
#include "model/check.hpp"

namespace dockcis::engine {

/// Where a check was defined and the parameters its tests read.
struct CheckOrigin {
  std::string file;
  std::string pointer;
  std::set<std::string> params_used;
};

/// Parses one dockcis.checks/v1 file into `checks`, reporting every problem.
void parse_checks_file(DocumentReader& reader, const model::json& document, std::map<std::string, model::Check>& checks,
                       std::map<std::string, CheckOrigin>& origins);

}  // namespace dockcis::engine
