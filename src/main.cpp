// SPDX-License-Identifier: Apache-2.0
#include <exception>
#include <string>

#include "cli/exit_codes.hpp"
#include "cli/run.hpp"

// jemalloc's settings, read from this symbol when it starts (MALLOC_CONF in the
// environment still overrides them; glibc's malloc ignores the symbol). Its
// memory on transparent huge pages where the kernel offers them (THP
// "madvise" or "always"): a 0-container audit then takes half the page faults
// (1,100 instead of 2,100), which on a virtual machine cost more CPU than the
// work between them (86 -> 70 ms). Two arenas, not eight: each thread's arena
// holds huge pages of its own half used (a 1,000-container audit's peak 57 MiB
// with eight, 48 with two). Past 2,000 containers the pages are base pages
// again (collect::size_pages_for). bench/RESULTS.md, the twelfth round.
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always,narenas:2";
}

// The outermost barrier: `audit` writes a failed-run report itself; anything
// escaping any command still ends with one message and exit 3, never with
// std::terminate.
int main(int argc, char** argv) {
  try {
    return dockcis::cli::run(argc, argv);
  } catch (const std::exception& error) {
    return dockcis::cli::fail_with({dockcis::cli::kCannotRun, std::string("internal error: ") + error.what()});
  } catch (...) {
    return dockcis::cli::fail_with({dockcis::cli::kCannotRun, "internal error: an exception of unknown type"});
  }
}
