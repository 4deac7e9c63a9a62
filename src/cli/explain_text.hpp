// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "model/check.hpp"
#include "model/fact_kinds.hpp"
#include "model/profile.hpp"

namespace dockcis::cli {

/// `dockcis explain`'s text for one recommendation of a profile.
std::string explain_text(const model::Check& check, const model::Recommendation& recommendation, const model::Profile& profile);

/// "host.file:PATH        host   lstat of a path ..." as `list --facts` prints it.
std::string fact_kind_line(const model::FactKind& kind);

}  // namespace dockcis::cli
