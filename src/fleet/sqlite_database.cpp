// SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "fleet/database.hpp"
#include "fleet/sqlite_library.hpp"

namespace dockcis::fleet {
namespace {

struct SqliteCloser {
  void operator()(sqlite3* handle) const { loaded_sqlite().close_v2(handle); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { loaded_sqlite().finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

/// A prepared statement and, for each $N, the index SQLite gave it (0: unused).
struct Prepared {
  Statement statement;
  std::vector<int> index_of;
};

// A lock held by another writer is waited for this long before giving up.
constexpr int kBusyTimeoutMs = 30000;

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(sqlite3* handle, std::string path) : handle_(handle), path_(std::move(path)) {}

  [[nodiscard]] Dialect dialect() const override { return Dialect::sqlite; }
  [[nodiscard]] std::string location() const override { return path_; }

  std::expected<void, DbError> execute(std::string_view sql, const Params& params) override {
    return run(sql, params, nullptr);
  }

  std::expected<Rows, DbError> query(std::string_view sql, const Params& params) override {
    Rows rows;
    if (auto done = run(sql, params, &rows); !done) return std::unexpected(done.error());
    return rows;
  }

 private:
  DbError failure(const std::string& what) const {
    const int code = sqlite_.extended_errcode(handle_.get());
    // Unreadable, locked, full or corrupt: the store cannot be used at all.
    const int primary = code & 0xff;
    const bool unreachable = primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_BUSY ||
                             primary == SQLITE_FULL || primary == SQLITE_READONLY || primary == SQLITE_PERM;
    return DbError{path_ + ": " + what + ": " + sqlite_.errmsg(handle_.get()), unreachable};
  }

  // Statements are prepared once and kept: ingest runs the same few thousands of times.
  // Looking a name up is linear in the statement's parameters, so $N -> index is mapped once here.
  std::expected<Prepared*, DbError> prepared(std::string_view sql) {
    const std::string key(sql);
    if (const auto found = statements_.find(key); found != statements_.end()) return &found->second;
    sqlite3_stmt* raw = nullptr;
    if (sqlite_.prepare_v3(handle_.get(), key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr) !=
        SQLITE_OK) {
      sqlite_.finalize(raw);
      return std::unexpected(failure("cannot prepare statement"));
    }
    Prepared entry{Statement(raw), {}};
    const int count = sqlite_.bind_parameter_count(raw);
    for (int index = 1; index <= count; ++index) {
      const char* name = sqlite_.bind_parameter_name(raw, index);
      if (name == nullptr || name[0] != '$') continue;
      const auto number = static_cast<std::size_t>(std::strtoul(name + 1, nullptr, 10));
      if (number == 0) continue;
      if (entry.index_of.size() < number) entry.index_of.resize(number, 0);
      entry.index_of[number - 1] = index;
    }
    return &statements_.emplace(key, std::move(entry)).first->second;
  }

  std::expected<void, DbError> bind(const Prepared& prepared, const Params& params) {
    sqlite3_stmt* statement = prepared.statement.get();
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = i < prepared.index_of.size() ? prepared.index_of[i] : 0;
      if (index == 0) continue;  // a parameter the statement does not use
      const auto& param = params[i];
      int status = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(param)) status = sqlite_.bind_null(statement, index);
      else if (const auto* number = std::get_if<std::int64_t>(&param)) status = sqlite_.bind_int64(statement, index, *number);
      else if (const auto* real = std::get_if<double>(&param)) status = sqlite_.bind_double(statement, index, *real);
      else {
        const auto& text = std::get<std::string>(param);
        status = sqlite_.bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (status != SQLITE_OK) return std::unexpected(failure("cannot bind parameter $" + std::to_string(i + 1)));
    }
    return {};
  }

  std::expected<void, DbError> run(std::string_view sql, const Params& params, Rows* rows) {
    auto statement = prepared(sql);
    if (!statement) return std::unexpected(statement.error());
    sqlite3_stmt* raw = (*statement)->statement.get();
    sqlite_.reset(raw);
    sqlite_.clear_bindings(raw);
    if (auto bound = bind(**statement, params); !bound) return bound;
    while (true) {
      const int status = sqlite_.step(raw);
      if (status == SQLITE_DONE) break;
      if (status != SQLITE_ROW) {
        auto error = failure("statement failed");
        sqlite_.reset(raw);
        return std::unexpected(error);
      }
      if (rows == nullptr) continue;
      Row row;
      const int columns = sqlite_.column_count(raw);
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite_.column_type(raw, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite_.column_text(raw, c));
          row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite_.column_bytes(raw, c))));
        }
      }
      rows->push_back(std::move(row));
    }
    sqlite_.reset(raw);
    return {};
  }

  // Declared first so the statements are finalised before the connection closes.
  std::unique_ptr<sqlite3, SqliteCloser> handle_;
  std::string path_;
  std::unordered_map<std::string, Prepared> statements_;
  const SqliteLibrary& sqlite_ = loaded_sqlite();
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, DbError& error) {
  if (const auto library = sqlite_library(); !library) {
    error = {path + ": cannot open the SQLite store: " + library.error(), true};
    return nullptr;
  }
  const auto& sqlite = loaded_sqlite();
  sqlite3* raw = nullptr;
  const int status = sqlite.open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, nullptr);
  std::unique_ptr<sqlite3, SqliteCloser> handle(raw);
  if (status != SQLITE_OK) {
    error = {path + ": cannot open the SQLite store: " + (raw != nullptr ? sqlite.errmsg(raw) : sqlite.errstr(status)), true};
    return nullptr;
  }
  sqlite.busy_timeout(raw, kBusyTimeoutMs);
  sqlite.extended_result_codes(raw, 1);
  auto database = std::make_unique<SqliteDatabase>(handle.release(), path);
  // WAL lets a report be built while a batch is ingested; foreign keys keep the store whole.
  for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
    if (auto done = database->execute(pragma, {}); !done) {
      error = done.error();
      return nullptr;
    }
  }
  return database;
}

}  // namespace dockcis::fleet
