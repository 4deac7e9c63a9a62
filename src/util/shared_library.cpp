// SPDX-License-Identifier: Apache-2.0
#include "util/shared_library.hpp"

#include <dlfcn.h>

namespace dockcis::util {

std::expected<void*, std::string> open_shared_library(const char* soname, const char* what) {
  void* library = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
  if (library != nullptr) return library;
  const char* reason = dlerror();
  return std::unexpected(std::string("cannot load ") + what + ": " + (reason != nullptr ? reason : soname));
}

void* find_symbol(void* library, const char* name) { return dlsym(library, name); }

}  // namespace dockcis::util
