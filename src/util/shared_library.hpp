// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>

// Libraries opened when first needed rather than linked (libcurl, libpq):
// what each opens, and the functions it takes from it.
namespace dockcis::util {

/// The library of that soname, opened once and never closed (what it makes
/// may live as long as the process), or why it could not be: "cannot load
/// `what`: " and the loader's reason.
std::expected<void*, std::string> open_shared_library(const char* soname, const char* what);

/// The address of `name` in `library`, or nullptr.
void* find_symbol(void* library, const char* name);

/// Sets `function` to `name` in `library`; the first name not found is kept in `missing`.
template <typename Function>
void take_function(void* library, const char* name, Function& function, std::string& missing) {
  function = reinterpret_cast<Function>(find_symbol(library, name));
  if (function == nullptr && missing.empty()) missing = name;
}

/// The table `open` makes of a library's functions: made on the first call,
/// from any thread, and kept for the process; or why it could not be.
template <typename Table, std::expected<Table, std::string> (*open)()>
const std::expected<Table, std::string>& opened_once() {
  static const auto table = open();
  return table;
}

/// The table itself, or why it could not be made.
template <typename Table, std::expected<Table, std::string> (*open)()>
std::expected<const Table*, std::string> table_of() {
  const auto& table = opened_once<Table, open>();
  if (!table) return std::unexpected(table.error());
  return &*table;
}

}  // namespace dockcis::util
