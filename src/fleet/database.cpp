// SPDX-License-Identifier: Apache-2.0
#include "fleet/database.hpp"

#include <charconv>
#include <cstdlib>

namespace dockcis::fleet {

std::expected<std::unique_ptr<Database>, DbError> open_database(const std::string& target) {
  DbError error;
  std::unique_ptr<Database> database;
  if (target.starts_with("postgresql://") || target.starts_with("postgres://")) {
    database = open_postgres(target, error);
  } else {
    database = open_sqlite(target, error);
  }
  if (!database) return std::unexpected(error);
  return database;
}

std::int64_t as_int(const std::optional<std::string>& column, std::int64_t fallback) {
  if (!column) return fallback;
  std::int64_t value = fallback;
  const auto* begin = column->data();
  const auto [end, error] = std::from_chars(begin, begin + column->size(), value);
  return error == std::errc() && end == begin + column->size() ? value : fallback;
}

double as_double(const std::optional<std::string>& column, double fallback) {
  if (!column || column->empty()) return fallback;
  char* end = nullptr;
  const double value = std::strtod(column->c_str(), &end);
  return end == column->c_str() + column->size() ? value : fallback;
}

std::string as_text(const std::optional<std::string>& column) { return column.value_or(std::string()); }

Transaction::~Transaction() {
  if (open_) (void)database_.execute("ROLLBACK");
}

std::expected<void, DbError> Transaction::begin(std::string_view statement) {
  auto done = database_.execute(statement);
  open_ = done.has_value();
  return done;
}

std::expected<void, DbError> Transaction::commit() {
  auto done = database_.execute("COMMIT");
  if (done) open_ = false;
  return done;
}

}  // namespace dockcis::fleet
