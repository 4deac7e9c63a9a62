// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>

#include "fleet/database.hpp"

namespace dockcis::fleet {

/// The newest store schema this dockcis writes and reads.
int latest_schema_version();

/// Why a store cannot be used: not a dockcis store, written by a newer
/// dockcis, or a database error (`unreachable` as in DbError).
struct SchemaError {
  std::string message;
  bool unreachable = false;
};

/// Creates the schema in an empty database, or brings an older dockcis
/// store up to `target` (default: the latest) by applying the missing
/// migrations in order, each in its own transaction. Refuses a database that
/// holds other tables, and a store newer than this dockcis.
std::expected<int, SchemaError> migrate(Database& database, int target = 0);

}  // namespace dockcis::fleet
