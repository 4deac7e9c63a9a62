// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/curl_library.hpp"

#include <dlfcn.h>

namespace dockcis::collect {
namespace {

constexpr const char* kSoname = "libcurl.so.4";

// Every function or the name of the first one the library lacks.
template <typename Function>
void resolve(void* library, const char* name, Function& function, std::string& missing) {
  function = reinterpret_cast<Function>(dlsym(library, name));
  if (function == nullptr && missing.empty()) missing = name;
}

std::expected<CurlLibrary, std::string> open_curl() {
  // Never closed: the handles it makes live as long as the process may use them.
  void* library = dlopen(kSoname, RTLD_LAZY | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = dlerror();
    return std::unexpected(std::string("cannot load libcurl: ") + (reason != nullptr ? reason : kSoname));
  }
  CurlLibrary curl;
  decltype(&curl_global_init) global_init = nullptr;
  std::string missing;
  resolve(library, "curl_global_init", global_init, missing);
  resolve(library, "curl_easy_init", curl.easy_init, missing);
  resolve(library, "curl_easy_cleanup", curl.easy_cleanup, missing);
  resolve(library, "curl_easy_setopt", curl.easy_setopt, missing);
  resolve(library, "curl_easy_getinfo", curl.easy_getinfo, missing);
  resolve(library, "curl_easy_strerror", curl.easy_strerror, missing);
  resolve(library, "curl_multi_init", curl.multi_init, missing);
  resolve(library, "curl_multi_cleanup", curl.multi_cleanup, missing);
  resolve(library, "curl_multi_setopt", curl.multi_setopt, missing);
  resolve(library, "curl_multi_add_handle", curl.multi_add_handle, missing);
  resolve(library, "curl_multi_remove_handle", curl.multi_remove_handle, missing);
  resolve(library, "curl_multi_perform", curl.multi_perform, missing);
  resolve(library, "curl_multi_poll", curl.multi_poll, missing);
  resolve(library, "curl_multi_info_read", curl.multi_info_read, missing);
  if (!missing.empty()) return std::unexpected(std::string(kSoname) + " has no " + missing + " (libcurl 7.66 or later is needed)");
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return std::unexpected(std::string("libcurl could not initialise (curl_global_init)"));
  return curl;
}

const std::expected<CurlLibrary, std::string>& opened() {
  static const auto library = open_curl();
  return library;
}

}  // namespace

std::expected<const CurlLibrary*, std::string> curl_library() {
  const auto& library = opened();
  if (!library) return std::unexpected(library.error());
  return &*library;
}

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
