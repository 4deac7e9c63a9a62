// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace dockcis::model {

/// Why something could not be observed. Reports and hints switch on the kind;
/// the message says it in words.
enum class ErrorKind {
  permission_denied,  ///< the OS refused (EACCES, EPERM, a socket dockcis may not use)
  not_found,          ///< an object went away (a container removed during the scan)
  unreachable,        ///< the Docker daemon did not accept a connection
  daemon_error,       ///< the Engine API answered with an HTTP error
  malformed_answer,   ///< the Engine API answered something that is not the expected document
  invalid_file,       ///< a host configuration file that does not parse (daemon.json)
  timed_out,          ///< no answer within the time allowed
  too_large,          ///< a document or file above dockcis' size limits
  not_visible,        ///< the host's processes are not visible (dockcis runs in a container without --pid host)
  not_collected,      ///< a fact the run did not collect (a snapshot without it)
  refused,            ///< dockcis would not read it: a link an ordinary user controls, a FIFO, a device
  other,
};

std::string_view to_string(ErrorKind kind);
std::optional<ErrorKind> parse_error_kind(std::string_view name);

/// Why a fact could not be observed. "Not found" for a file is not unavailable:
/// a missing file is a value ({"exists": false}); permission denied, a dead
/// daemon or a malformed answer are unavailable, and a check reading them gives `error`.
struct Unavailable {
  std::string reason;
  ErrorKind kind = ErrorKind::other;
};

}  // namespace dockcis::model
