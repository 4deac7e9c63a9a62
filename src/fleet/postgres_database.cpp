// SPDX-License-Identifier: Apache-2.0
#include <cstdio>

#include "fleet/database.hpp"
#include "fleet/libpq_library.hpp"

namespace dockcis::fleet {
namespace {

struct PostgresCloser {
  void operator()(PGconn* connection) const { loaded_pq().finish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { loaded_pq().clear(result); }
};

// A URL as it may be shown: the password (user:secret@) is left out.
std::string without_password(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

std::string trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string param_text(const Param& param) {
  if (const auto* number = std::get_if<std::int64_t>(&param)) return std::to_string(*number);
  if (const auto* real = std::get_if<double>(&param)) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", *real);
    return buffer;
  }
  return std::get<std::string>(param);
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(PGconn* connection, std::string url) : connection_(connection), url_(std::move(url)) {}

  [[nodiscard]] Dialect dialect() const override { return Dialect::postgres; }
  [[nodiscard]] std::string location() const override { return without_password(url_); }

  std::expected<void, DbError> execute(std::string_view sql, const Params& params) override {
    auto result = run(sql, params);
    if (!result) return std::unexpected(result.error());
    return {};
  }

  std::expected<Rows, DbError> query(std::string_view sql, const Params& params) override {
    auto result = run(sql, params);
    if (!result) return std::unexpected(result.error());
    PGresult* raw = result->get();
    const auto& pq = loaded_pq();
    Rows rows;
    const int count = pq.ntuples(raw);
    const int columns = pq.nfields(raw);
    rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      Row row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (pq.getisnull(raw, r, c)) row.emplace_back(std::nullopt);
        else row.emplace_back(std::string(pq.getvalue(raw, r, c), static_cast<std::size_t>(pq.getlength(raw, r, c))));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

 private:
  std::expected<std::unique_ptr<PGresult, ResultClearer>, DbError> run(std::string_view sql, const Params& params) {
    std::vector<std::string> texts;
    std::vector<const char*> values;
    texts.reserve(params.size());
    for (const auto& param : params) texts.push_back(std::holds_alternative<std::nullptr_t>(param) ? std::string() : param_text(param));
    for (std::size_t i = 0; i < params.size(); ++i) {
      values.push_back(std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr : texts[i].c_str());
    }
    const std::string text(sql);
    const auto& pq = loaded_pq();
    std::unique_ptr<PGresult, ResultClearer> result(
        pq.exec_params(connection_.get(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    const auto status = result ? pq.result_status(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    const bool lost = pq.status(connection_.get()) != CONNECTION_OK;
    return std::unexpected(DbError{location() + ": " + trimmed(pq.error_message(connection_.get())), lost});
  }

  std::unique_ptr<PGconn, PostgresCloser> connection_;
  std::string url_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, DbError& error) {
  // A server that does not answer is given up on after 10 s, unless the URL says otherwise
  // (the URL, expanded from "dbname", overrides the keywords before it).
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", url.c_str(), nullptr};
  const auto library = pq_library();
  if (!library) {
    error = {"cannot connect to the PostgreSQL store " + without_password(url) + ": " + library.error(), true};
    return nullptr;
  }
  const auto& pq = **library;
  std::unique_ptr<PGconn, PostgresCloser> connection(pq.connectdb_params(keywords, values, 1));
  if (!connection || pq.status(connection.get()) != CONNECTION_OK) {
    error = {"cannot connect to the PostgreSQL store " + without_password(url) + ": " +
                 (connection ? trimmed(pq.error_message(connection.get())) : std::string("out of memory")),
             true};
    return nullptr;
  }
  auto database = std::make_unique<PostgresDatabase>(connection.release(), url);
  // Notices (e.g. "relation already exists, skipping") are not for the user.
  if (auto done = database->execute("SET client_min_messages = warning", {}); !done) {
    error = done.error();
    return nullptr;
  }
  return database;
}

}  // namespace dockcis::fleet
