// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <curl/curl.h>

#include <expected>
#include <memory>
#include <string>

// libcurl is opened when a command first talks to an engine, not linked:
// with the libraries it brings (TLS, Kerberos, LDAP, IDN, SSH, RTMP), it is
// most of a process's start-up, and validate, explain, replays of a snapshot
// and the fleet commands never use it. Its types and constants still come
// from its header; `decltype` names its functions' types without using them.
namespace dockcis::collect {

/// The libcurl functions dockcis calls.
struct CurlLibrary {
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_multi_init) multi_init = nullptr;
  decltype(&curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&curl_multi_setopt) multi_setopt = nullptr;
  decltype(&curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&curl_multi_perform) multi_perform = nullptr;
  decltype(&curl_multi_poll) multi_poll = nullptr;
  decltype(&curl_multi_info_read) multi_info_read = nullptr;
};

/// libcurl (libcurl.so.4), opened and initialised (curl_global_init) on the
/// first call, from any thread; the reason when it cannot be.
std::expected<const CurlLibrary*, std::string> curl_library();

/// The library a handle came from: only where curl_library() succeeded.
const CurlLibrary& loaded_curl();

/// The text of a libcurl result code.
std::string curl_error_text(int code);

struct CurlEasyCleanup {
  void operator()(CURL* handle) const { loaded_curl().easy_cleanup(handle); }
};
struct CurlMultiCleanup {
  void operator()(CURLM* handle) const { loaded_curl().multi_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyCleanup>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiCleanup>;

/// New handles; null when libcurl is not there or could not make one.
CurlEasy new_curl_easy();
CurlMulti new_curl_multi();

}  // namespace dockcis::collect
