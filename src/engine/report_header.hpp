// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "model/fact_store.hpp"
#include "model/report.hpp"

namespace dockcis::engine {

/// The report's host identity: hostname, machine id, kernel, OS, Docker and API
/// versions and whether the engine is rootless.
model::json host_identity(const model::FactStore& facts);

/// Every fact that could not be read, for the report's appendix.
std::vector<model::CollectionError> collection_errors(const model::FactStore& facts);

}  // namespace dockcis::engine
