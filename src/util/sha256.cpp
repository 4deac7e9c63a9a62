// SPDX-License-Identifier: Apache-2.0
#include "util/sha256.hpp"

#include <openssl/evp.h>

#include "util/openssl_start.hpp"

namespace dockcis::util {

std::string sha256_hex(std::string_view bytes) {
  // Fetched once: OpenSSL 3 otherwise looks the algorithm up in its
  // providers on every call, about a quarter of the cost of a short input (a SARIF
  // fingerprint).
  static const EVP_MD* const kSha256 = [] {
    start_openssl();
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
