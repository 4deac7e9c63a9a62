// SPDX-License-Identifier: Apache-2.0
#include "util/openssl_start.hpp"

#include <openssl/crypto.h>

namespace dockcis::util {

void start_openssl() {
  static const bool started = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS, nullptr);
    return true;
  }();
  static_cast<void>(started);
}

}  // namespace dockcis::util
