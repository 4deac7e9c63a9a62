// SPDX-License-Identifier: Apache-2.0
#include "fleet/sqlite_library.hpp"

#include "util/shared_library.hpp"

namespace dockcis::fleet {
namespace {

std::expected<SqliteLibrary, std::string> open_sqlite_library() {
  const auto library = util::open_shared_library("libsqlite3.so.0", "SQLite");
  if (!library) return std::unexpected(library.error());
  SqliteLibrary sqlite;
  std::string missing;
  const auto take = [&](const char* name, auto& function) { util::take_function(*library, name, function, missing); };
  take("sqlite3_open_v2", sqlite.open_v2);
  take("sqlite3_close_v2", sqlite.close_v2);
  take("sqlite3_busy_timeout", sqlite.busy_timeout);
  take("sqlite3_extended_result_codes", sqlite.extended_result_codes);
  take("sqlite3_extended_errcode", sqlite.extended_errcode);
  take("sqlite3_errmsg", sqlite.errmsg);
  take("sqlite3_errstr", sqlite.errstr);
  take("sqlite3_prepare_v3", sqlite.prepare_v3);
  take("sqlite3_finalize", sqlite.finalize);
  take("sqlite3_bind_parameter_count", sqlite.bind_parameter_count);
  take("sqlite3_bind_parameter_name", sqlite.bind_parameter_name);
  take("sqlite3_bind_null", sqlite.bind_null);
  take("sqlite3_bind_int64", sqlite.bind_int64);
  take("sqlite3_bind_double", sqlite.bind_double);
  take("sqlite3_bind_text64", sqlite.bind_text64);
  take("sqlite3_reset", sqlite.reset);
  take("sqlite3_clear_bindings", sqlite.clear_bindings);
  take("sqlite3_step", sqlite.step);
  take("sqlite3_column_count", sqlite.column_count);
  take("sqlite3_column_type", sqlite.column_type);
  take("sqlite3_column_text", sqlite.column_text);
  take("sqlite3_column_bytes", sqlite.column_bytes);
  // sqlite3_prepare_v3 came with SQLite 3.20 (2017); Debian 12 has 3.40.
  if (!missing.empty()) return std::unexpected("libsqlite3.so.0 has no " + missing + " (SQLite 3.20 or later is needed)");
  return sqlite;
}

}  // namespace

std::expected<const SqliteLibrary*, std::string> sqlite_library() { return util::table_of<SqliteLibrary, open_sqlite_library>(); }

const SqliteLibrary& loaded_sqlite() { return *util::opened_once<SqliteLibrary, open_sqlite_library>(); }

}  // namespace dockcis::fleet
