// SPDX-License-Identifier: Apache-2.0
// Persistent audit rules (/etc/audit/rules.d/*.rules): parsed, then matched
// against the paths CIS 1.1.x asks about, as the host.audit facts are built.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/host/audit_rules.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto rules = collect::parse_audit_rules(text, "/etc/audit/rules.d/fuzz.rules");
  const std::vector<std::string> files{"/etc/audit/rules.d/fuzz.rules"};
  for (const char* path : {"/usr/bin/dockerd", "/var/run/docker.sock", "/run/containerd", "/etc/docker/", "/"}) {
    (void)collect::audit_document(rules, files, path).dump(-1, ' ', false, model::json::error_handler_t::replace);
  }
  for (const auto& rule : rules) (void)collect::same_audit_path(rule.path, rule.text);
  return 0;
}
