// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "cli/options.hpp"

namespace dockcis::cli {

int command_audit(const Options& options);
int command_facts(const Options& options);
int command_validate(const Options& options);
int command_list(const Options& options);
int command_explain(const Options& options);
int command_diff(const Options& options);

}  // namespace dockcis::cli
