// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

namespace dockcis::util {

/// Containers past which an audit's peak memory counts for more than its
/// page faults: the memory freed on the way is given back to the system
/// (give_back_free_memory) and the pages touched are base pages
/// (keep_small_pages). Below, giving pages back only made the next
/// allocations fault them in again, which on a virtual machine costs more
/// than the work between the faults (bench/RESULTS.md, the twelfth and
/// seventeenth rounds).
inline constexpr std::size_t kLargeAuditContainers = 2000;

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
