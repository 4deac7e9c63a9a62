// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace dockcis::util {

/// Gives the pages of memory freed so far back to the system, whichever
/// malloc the program runs with: jemalloc's arenas purged (mallctl), or
/// glibc's trimmed (malloc_trim). Called where most of an audit's memory
/// has just been freed and other threads are about to allocate.
void give_back_free_memory();

}  // namespace dockcis::util
