// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
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

#if defined(__SANITIZE_ADDRESS__)
#define DOCKCIS_CHECKS_LEAKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define DOCKCIS_CHECKS_LEAKS 1
#endif
#endif

namespace {

// A command that returned has closed its files, sockets and databases; what
// is left (static tables, OpenSSL's and libcurl's state, the libraries
// opened, memory) the kernel takes back at once, where running every static
// destructor and atexit handler first cost 2.5 to 3 ms of each audit's wall
// time (bench/RESULTS.md, the seventeenth round). Standard output and error
// are flushed first. Sanitizer builds end normally, for LeakSanitizer's
// look at what is still held (a coverage build would need the same).
int ends_now(int code) {
#ifdef DOCKCIS_CHECKS_LEAKS
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}

}  // namespace

// The outermost barrier: `audit` writes a failed-run report itself; anything
// escaping any command still ends with one message and exit 3, never with
// std::terminate.
int main(int argc, char** argv) {
  try {
    return ends_now(dockcis::cli::run(argc, argv));
  } catch (const std::exception& error) {
    return dockcis::cli::fail_with({dockcis::cli::kCannotRun, std::string("internal error: ") + error.what()});
  } catch (...) {
    return dockcis::cli::fail_with({dockcis::cli::kCannotRun, "internal error: an exception of unknown type"});
  }
}
