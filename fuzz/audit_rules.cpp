// SPDX-License-Identifier: Apache-2.0
// Persistent audit rules (/etc/audit/rules.d/*.rules): parsed, then matched
// against two paths CIS 1.1.x asks about (one behind the /var/run = /run
// equivalence) as the host.audit facts are built.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/host/audit_rules.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto rules = collect::parse_audit_rules(text, "/etc/audit/rules.d/fuzz.rules");
  const std::vector<std::string> files{"/etc/audit/rules.d/fuzz.rules"};
  for (const char* path : {"/usr/bin/dockerd", "/var/run/docker.sock"}) (void)collect::audit_document(rules, files, path);
  return 0;
}
