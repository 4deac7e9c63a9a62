// SPDX-License-Identifier: Apache-2.0
#include "report/hints.hpp"

namespace dockcis::report {

std::string hint_for(std::optional<model::ErrorKind> kind) {
  if (!kind) return {};
  switch (*kind) {
    case model::ErrorKind::permission_denied: return "Run dockcis as root, or give it read access to the path.";
    case model::ErrorKind::not_found: return "The container went away while dockcis read it; run the audit again.";
    case model::ErrorKind::daemon_error: return "The Docker daemon failed to answer; see its log.";
    case model::ErrorKind::invalid_file: return "Fix the file: dockerd will not start with it either.";
    case model::ErrorKind::not_visible: return "Run dockcis on the host, or with --root pointing at the host's root.";
    case model::ErrorKind::timed_out:
      // The kind does not tell a slow request from the run's deadline: the reason does, and the hint names both options.
      return "The Docker daemon answered too slowly (raise --timeout, per request; see its log), or the run's deadline passed "
             "first (raise --deadline, for the whole run).";
    case model::ErrorKind::refused:
      return "dockcis does not read FIFOs, devices, or files an ordinary user's link leads to; fix the path or the link.";
    case model::ErrorKind::too_large: return "The document is beyond dockcis' size limits; see what wrote it.";
    case model::ErrorKind::malformed_answer:
      return "What answered on the socket did not send a Docker Engine API document; check for a proxy in between.";
    default: return {};
  }
}

}  // namespace dockcis::report
