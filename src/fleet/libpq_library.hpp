// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <libpq-fe.h>

#include <expected>
#include <string>

// libpq is opened when a PostgreSQL fleet store is first used, not linked:
// with what it brings (TLS, Kerberos, LDAP) it would be loaded at every start
// of every command, and only fleets that keep their reports in PostgreSQL
// use it. Its types and constants still come from its header.
namespace dockcis::fleet {

/// The libpq functions dockcis calls.
struct PqLibrary {
  decltype(&PQconnectdbParams) connectdb_params = nullptr;
  decltype(&PQstatus) status = nullptr;
  decltype(&PQerrorMessage) error_message = nullptr;
  decltype(&PQfinish) finish = nullptr;
  decltype(&PQexecParams) exec_params = nullptr;
  decltype(&PQresultStatus) result_status = nullptr;
  decltype(&PQntuples) ntuples = nullptr;
  decltype(&PQnfields) nfields = nullptr;
  decltype(&PQgetisnull) getisnull = nullptr;
  decltype(&PQgetvalue) getvalue = nullptr;
  decltype(&PQgetlength) getlength = nullptr;
  decltype(&PQclear) clear = nullptr;
};

/// libpq (libpq.so.5), opened on the first call, from any thread; the reason when it cannot be.
std::expected<const PqLibrary*, std::string> pq_library();

/// The library a connection or result came from: only where pq_library() succeeded.
const PqLibrary& loaded_pq();

}  // namespace dockcis::fleet
