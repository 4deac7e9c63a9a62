// SPDX-License-Identifier: Apache-2.0
#include "fleet/libpq_library.hpp"

#include <dlfcn.h>

namespace dockcis::fleet {
namespace {

constexpr const char* kSoname = "libpq.so.5";

// Every function or the name of the first one the library lacks.
template <typename Function>
void resolve(void* library, const char* name, Function& function, std::string& missing) {
  function = reinterpret_cast<Function>(dlsym(library, name));
  if (function == nullptr && missing.empty()) missing = name;
}

std::expected<PqLibrary, std::string> open_pq() {
  // Never closed: connections may be open until the process ends.
  void* library = dlopen(kSoname, RTLD_LAZY | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = dlerror();
    return std::unexpected(std::string("cannot load libpq: ") + (reason != nullptr ? reason : kSoname));
  }
  PqLibrary pq;
  std::string missing;
  resolve(library, "PQconnectdbParams", pq.connectdb_params, missing);
  resolve(library, "PQstatus", pq.status, missing);
  resolve(library, "PQerrorMessage", pq.error_message, missing);
  resolve(library, "PQfinish", pq.finish, missing);
  resolve(library, "PQexecParams", pq.exec_params, missing);
  resolve(library, "PQresultStatus", pq.result_status, missing);
  resolve(library, "PQntuples", pq.ntuples, missing);
  resolve(library, "PQnfields", pq.nfields, missing);
  resolve(library, "PQgetisnull", pq.getisnull, missing);
  resolve(library, "PQgetvalue", pq.getvalue, missing);
  resolve(library, "PQgetlength", pq.getlength, missing);
  resolve(library, "PQclear", pq.clear, missing);
  if (!missing.empty()) return std::unexpected(std::string(kSoname) + " has no " + missing);
  return pq;
}

const std::expected<PqLibrary, std::string>& opened() {
  static const auto library = open_pq();
  return library;
}

}  // namespace

std::expected<const PqLibrary*, std::string> pq_library() {
  const auto& library = opened();
  if (!library) return std::unexpected(library.error());
  return &*library;
}

const PqLibrary& loaded_pq() { return *opened(); }

}  // namespace dockcis::fleet
