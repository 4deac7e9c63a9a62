// SPDX-License-Identifier: Apache-2.0
#include "util/free_memory.hpp"

#include <malloc.h>
#include <sys/prctl.h>

#include <cstddef>

// jemalloc's control interface, present only when the program is linked with
// jemalloc (meson's allocator option): weak, so the libraries and test
// programs built without it link, and the call is skipped there.
extern "C" int mallctl(const char* name, void* old_value, std::size_t* old_length, void* new_value,
                       std::size_t new_length) __attribute__((weak));

namespace dockcis::util {

void give_back_free_memory() {
  // "arena.4096.purge": every arena (jemalloc's MALLCTL_ARENAS_ALL).
  if (mallctl != nullptr) mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
  malloc_trim(0);
}

void keep_small_pages() { prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0); }

}  // namespace dockcis::util
