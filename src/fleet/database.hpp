// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dockcis::fleet {

/// The two SQL dialects the fleet store speaks.
enum class Dialect { sqlite, postgres };

/// A statement parameter, bound as `$1`, `$2`, ... in the SQL text.
using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Param>;

/// One result row; a column is its text form, or nullopt for SQL NULL.
using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

/// What went wrong talking to the database, and whether the store itself is
/// unreachable (connection, I/O) rather than a statement being refused.
struct DbError {
  std::string message;
  bool unreachable = false;
};

/// The one seam between the fleet store and its two backends (SQLite file,
/// PostgreSQL server). Statements use `$N` placeholders in both dialects.
class Database {
 public:
  virtual ~Database() = default;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  /// Where the store is, for messages (file path, or URL without password).
  [[nodiscard]] virtual std::string location() const = 0;
  virtual std::expected<void, DbError> execute(std::string_view sql, const Params& params = {}) = 0;
  virtual std::expected<Rows, DbError> query(std::string_view sql, const Params& params = {}) = 0;
};

/// Opens `target`: a postgresql:// (or postgres://) URL, else an SQLite file
/// (created when absent).
std::expected<std::unique_ptr<Database>, DbError> open_database(const std::string& target);

std::unique_ptr<Database> open_sqlite(const std::string& path, DbError& error);
std::unique_ptr<Database> open_postgres(const std::string& url, DbError& error);

/// Column helpers: a missing or NULL column reads as the fallback.
std::int64_t as_int(const std::optional<std::string>& column, std::int64_t fallback = 0);
double as_double(const std::optional<std::string>& column, double fallback = 0);
std::string as_text(const std::optional<std::string>& column);

/// BEGIN ... COMMIT, rolled back when the guard is left without commit().
class Transaction {
 public:
  explicit Transaction(Database& database) : database_(database) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  /// `statement` lets SQLite take the write lock at once ("BEGIN IMMEDIATE").
  std::expected<void, DbError> begin(std::string_view statement = "BEGIN");
  std::expected<void, DbError> commit();

 private:
  Database& database_;
  bool open_ = false;
};

}  // namespace dockcis::fleet
