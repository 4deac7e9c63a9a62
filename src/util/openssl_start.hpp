// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace dockcis::util {

/// Starts OpenSSL's libcrypto for digests, once per process: without
/// openssl.cnf and without the legacy tables of every cipher and digest.
/// Whoever starts libcrypto first decides. libcurl is opened after this: it
/// speaks to the engine over a Unix socket, never TLS, and its
/// curl_global_init would otherwise read the configuration and fill the
/// tables (about a millisecond before the first request). libpq, whose TLS
/// to a PostgreSQL fleet store should follow the system's policy in
/// openssl.cnf, connects before any digest is taken (the fleet commands open
/// the store first; an audit never opens one).
void start_openssl();

}  // namespace dockcis::util
