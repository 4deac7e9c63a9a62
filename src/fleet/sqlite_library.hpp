// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <sqlite3.h>

#include <expected>
#include <string>

// SQLite is opened with the first SQLite fleet store, not linked: only the
// fleet commands use it, and loading it (with its 1,600 relocations) was
// half a millisecond of every start of every command, an audit's included.
// Its types and constants still come from its header.
namespace dockcis::fleet {

/// The SQLite functions dockcis calls.
struct SqliteLibrary {
  decltype(&sqlite3_open_v2) open_v2 = nullptr;
  decltype(&sqlite3_close_v2) close_v2 = nullptr;
  decltype(&sqlite3_busy_timeout) busy_timeout = nullptr;
  decltype(&sqlite3_extended_result_codes) extended_result_codes = nullptr;
  decltype(&sqlite3_extended_errcode) extended_errcode = nullptr;
  decltype(&sqlite3_errmsg) errmsg = nullptr;
  decltype(&sqlite3_errstr) errstr = nullptr;
  decltype(&sqlite3_prepare_v3) prepare_v3 = nullptr;
  decltype(&sqlite3_finalize) finalize = nullptr;
  decltype(&sqlite3_bind_parameter_count) bind_parameter_count = nullptr;
  decltype(&sqlite3_bind_parameter_name) bind_parameter_name = nullptr;
  decltype(&sqlite3_bind_null) bind_null = nullptr;
  decltype(&sqlite3_bind_int64) bind_int64 = nullptr;
  decltype(&sqlite3_bind_double) bind_double = nullptr;
  decltype(&sqlite3_bind_text64) bind_text64 = nullptr;
  decltype(&sqlite3_reset) reset = nullptr;
  decltype(&sqlite3_clear_bindings) clear_bindings = nullptr;
  decltype(&sqlite3_step) step = nullptr;
  decltype(&sqlite3_column_count) column_count = nullptr;
  decltype(&sqlite3_column_type) column_type = nullptr;
  decltype(&sqlite3_column_text) column_text = nullptr;
  decltype(&sqlite3_column_bytes) column_bytes = nullptr;
};

/// SQLite (libsqlite3.so.0), opened on the first call, from any thread; the reason when it cannot be.
std::expected<const SqliteLibrary*, std::string> sqlite_library();

/// The library a connection or statement came from: only where sqlite_library() succeeded.
const SqliteLibrary& loaded_sqlite();

}  // namespace dockcis::fleet
