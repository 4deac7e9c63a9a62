// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/curl_library.hpp"

#include "util/openssl_start.hpp"
#include "util/shared_library.hpp"

namespace dockcis::collect {
namespace {

std::expected<CurlLibrary, std::string> open_curl() {
  const auto library = util::open_shared_library("libcurl.so.4", "libcurl");
  if (!library) return std::unexpected(library.error());
  CurlLibrary curl;
  decltype(&curl_global_init) global_init = nullptr;
  std::string missing;
  const auto take = [&](const char* name, auto& function) { util::take_function(*library, name, function, missing); };
  take("curl_global_init", global_init);
  take("curl_easy_init", curl.easy_init);
  take("curl_easy_cleanup", curl.easy_cleanup);
  take("curl_easy_setopt", curl.easy_setopt);
  take("curl_easy_getinfo", curl.easy_getinfo);
  take("curl_easy_strerror", curl.easy_strerror);
  take("curl_multi_init", curl.multi_init);
  take("curl_multi_cleanup", curl.multi_cleanup);
  take("curl_multi_setopt", curl.multi_setopt);
  take("curl_multi_add_handle", curl.multi_add_handle);
  take("curl_multi_remove_handle", curl.multi_remove_handle);
  take("curl_multi_perform", curl.multi_perform);
  take("curl_multi_poll", curl.multi_poll);
  take("curl_multi_info_read", curl.multi_info_read);
  if (!missing.empty()) return std::unexpected("libcurl.so.4 has no " + missing + " (libcurl 7.66 or later is needed)");
  // libcurl's OpenSSL starts as dockcis starts it (util/openssl_start.hpp).
  util::start_openssl();
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return std::unexpected(std::string("libcurl could not initialise (curl_global_init)"));
  return curl;
}

const std::expected<CurlLibrary, std::string>& opened() { return util::opened_once<CurlLibrary, open_curl>(); }

}  // namespace

std::expected<const CurlLibrary*, std::string> curl_library() { return util::table_of<CurlLibrary, open_curl>(); }

const CurlLibrary& loaded_curl() { return *opened(); }

std::string curl_error_text(int code) {
  const auto& library = opened();
  if (!library) return "libcurl error " + std::to_string(code);
  return library->easy_strerror(static_cast<CURLcode>(code));
}

CurlEasy new_curl_easy() {
  const auto library = curl_library();
  return CurlEasy(library ? (*library)->easy_init() : nullptr);
}

CurlMulti new_curl_multi() {
  const auto library = curl_library();
  return CurlMulti(library ? (*library)->multi_init() : nullptr);
}

}  // namespace dockcis::collect
