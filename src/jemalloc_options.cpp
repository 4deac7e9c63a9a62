// SPDX-License-Identifier: Apache-2.0
// jemalloc's options, read from this symbol at its first allocation (the
// MALLOC_CONF environment variable still adds to them). Freed pages go back
// to the system at once rather than after jemalloc's default 10 s: an audit
// lasts about a second, and the facts it frees before the reports are made
// are most of its memory (at 5,000 containers the peak is about 105 MiB so, 130
// with the default).
extern "C" {
const char* malloc_conf = "dirty_decay_ms:0,muzzy_decay_ms:0";
}
