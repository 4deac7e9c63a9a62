// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <expected>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "fleet/database.hpp"
#include "fleet/schema.hpp"
#include "fleet/stored_run.hpp"

namespace dockcis::fleet {

/// What became of one report offered to the store.
enum class IngestStatus { stored, already_stored, conflict };

struct IngestOutcome {
  IngestStatus status = IngestStatus::stored;
  std::string message;  ///< for a conflict: what is stored under the same run id
};

/// A fleet store: an open database at the latest schema.
class Store {
 public:
  /// Opens (and creates or migrates) the store at `target`: a file path or a postgresql:// URL.
  static std::expected<Store, SchemaError> open(const std::string& target);
  explicit Store(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  [[nodiscard]] Database& database() const { return *database_; }

  /// Stores one run in one transaction: all of it, or nothing. The same run
  /// id with the same content digest is stored once; with another digest it
  /// is a conflict and nothing changes.
  std::expected<IngestOutcome, DbError> ingest(const StoredRun& run, const std::string& digest, const std::string& source);

 private:
  std::expected<std::int64_t, DbError> host_of(const StoredRun& run, std::string& group);
  std::expected<std::int64_t, DbError> check_id(const StoredResult& result, std::map<std::string, std::int64_t>& added);
  std::expected<void, DbError> write_run_rows(const StoredRun& run, std::int64_t run_row, std::map<std::string, std::int64_t>& added);

  std::unique_ptr<Database> database_;
  std::map<std::string, std::int64_t> check_ids_;   ///< committed check rows, by key
  std::set<std::string> profiles_seen_;             ///< profiles whose section titles are stored
  std::set<std::string> controls_written_;          ///< checks whose mappings were written by this process
};

}  // namespace dockcis::fleet
