// SPDX-License-Identifier: Apache-2.0
#include "fleet/libpq_library.hpp"

#include "util/shared_library.hpp"

namespace dockcis::fleet {
namespace {

std::expected<PqLibrary, std::string> open_pq() {
  const auto library = util::open_shared_library("libpq.so.5", "libpq");
  if (!library) return std::unexpected(library.error());
  PqLibrary pq;
  std::string missing;
  const auto take = [&](const char* name, auto& function) { util::take_function(*library, name, function, missing); };
  take("PQconnectdbParams", pq.connectdb_params);
  take("PQstatus", pq.status);
  take("PQerrorMessage", pq.error_message);
  take("PQfinish", pq.finish);
  take("PQexecParams", pq.exec_params);
  take("PQresultStatus", pq.result_status);
  take("PQntuples", pq.ntuples);
  take("PQnfields", pq.nfields);
  take("PQgetisnull", pq.getisnull);
  take("PQgetvalue", pq.getvalue);
  take("PQgetlength", pq.getlength);
  take("PQclear", pq.clear);
  if (!missing.empty()) return std::unexpected("libpq.so.5 has no " + missing);
  return pq;
}

}  // namespace

std::expected<const PqLibrary*, std::string> pq_library() { return util::table_of<PqLibrary, open_pq>(); }

const PqLibrary& loaded_pq() { return *util::opened_once<PqLibrary, open_pq>(); }

}  // namespace dockcis::fleet
