// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "fleet/json_access.hpp"
#include "fleet/stored_run.hpp"

namespace dockcis::fleet {

/// Reads a report's summary into `run`, whose results are read already, and
/// holds it to them: every count, tally and score it states must be the one
/// its results give by the score's rules (engine/score.cpp), or the report is
/// refused at the pointer that disagrees. A host's word for its own score
/// would otherwise count in the fleet's, unchecked.
void read_summary(const Node& summary, StoredRun& run);

}  // namespace dockcis::fleet
