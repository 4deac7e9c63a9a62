// SPDX-License-Identifier: Apache-2.0
#include "report/hints.hpp"

namespace dockcis::report {

namespace {

std::string timed_out_hint(std::string_view reason) {
  if (reason.find("--deadline") != std::string_view::npos || reason.find("the run's deadline") != std::string_view::npos) {
    return "The run's deadline passed before dockcis got to it: raise --deadline (the bound on the whole run).";
  }
  if (reason.find("layer scan") != std::string_view::npos) {
    return "The image layers hold more than dockcis scans in its time bound: review them by hand "
           "(find / -perm /6000 -type f in the image).";
  }
  return "The Docker daemon answered too slowly: raise --timeout (the bound on each request), and see the daemon's log.";
}

}  // namespace

std::string hint_for(std::optional<model::ErrorKind> kind, std::string_view reason) {
  if (!kind) return {};
  switch (*kind) {
    case model::ErrorKind::permission_denied: return "Run dockcis as root, or give it read access to the path.";
    case model::ErrorKind::not_found: return "The container went away while dockcis read it; run the audit again.";
    case model::ErrorKind::daemon_error: return "The Docker daemon failed to answer; see its log.";
    case model::ErrorKind::invalid_file: return "Fix the file: dockerd will not start with it either.";
    case model::ErrorKind::not_visible: return "Run dockcis on the host, or with --root pointing at the host's root.";
    case model::ErrorKind::timed_out: return timed_out_hint(reason);
    case model::ErrorKind::refused:
      return "dockcis does not read FIFOs, devices, or files an ordinary user's link leads to; fix the path or the link.";
    case model::ErrorKind::too_large: return "The document is beyond dockcis' size limits; see what wrote it.";
    case model::ErrorKind::malformed_answer:
      // Snapshot screening words its refusals "the snapshot ...": no socket was asked.
      if (reason.starts_with("the snapshot")) return "The facts snapshot holds what no collector writes: take it again with dockcis facts.";
      return "What answered on the socket did not send a Docker Engine API document; check for a proxy in between.";
    default: return {};
  }
}

}  // namespace dockcis::report
