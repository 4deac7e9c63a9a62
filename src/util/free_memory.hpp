// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace dockcis::util {

/// Gives the pages of memory freed so far back to the system, whichever
/// malloc the program runs with: jemalloc's arenas purged (mallctl), or
/// glibc's trimmed (malloc_trim). Called where most of an audit's memory
/// has just been freed and other threads are about to allocate.
void give_back_free_memory();

/// From now on the pages this process touches are base pages, never
/// transparent huge pages (prctl PR_SET_THP_DISABLE; the huge pages mapped
/// so far stay): for an audit so large that its peak memory counts for more
/// than the page faults huge pages save (main.cpp's malloc_conf).
void keep_small_pages();

}  // namespace dockcis::util
