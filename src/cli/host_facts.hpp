// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <set>
#include <string>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "model/fact_store.hpp"
#include "model/fields_read.hpp"

namespace dockcis::cli {

/// Collects the planned facts from this host (or --root) and its engine, once;
/// per-instance documents trimmed to `fields` when given.
std::expected<model::FactStore, Failure> collect_host(const CollectionOptions& options, const std::set<std::string>& planned,
                                                      const model::FieldsRead* fields = nullptr);

/// Reads a snapshot written by `dockcis facts`.
std::expected<model::FactStore, Failure> read_snapshot(const std::string& path);

}  // namespace dockcis::cli
