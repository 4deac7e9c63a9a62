// SPDX-License-Identifier: Apache-2.0
#include "util/sha256.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace dockcis::util {

std::string sha256_hex(std::string_view bytes) {
  // Fetched once: OpenSSL 3 otherwise looks the algorithm up in its
  // providers on every call, about a quarter of the cost of a short input (a SARIF
  // fingerprint).
  // Without openssl.cnf and the legacy tables of every cipher and digest:
  // reading them and freeing them at exit cost about a millisecond of every
  // run, for one digest that any provider computes the same.
  static const EVP_MD* const kSha256 = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS, nullptr);
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? fetched : EVP_sha256();
  }();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, kSha256, nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace dockcis::util
