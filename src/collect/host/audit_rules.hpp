// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// One persistent audit rule that names a path.
struct AuditRule {
  std::string path;  ///< watched path (-w PATH, -F path=PATH, -F dir=PATH)
  std::string text;
  std::string file;
  int line = 0;
};

/// Rules of one rules file that watch a path. `-a never,...` rules exclude
/// and therefore do not count.
std::vector<AuditRule> parse_audit_rules(std::string_view text, const std::string& file);

/// Paths are compared exactly, trailing slashes ignored, /var/run and /run
/// taken as one (on systemd hosts /var/run is a link to /run).
bool same_audit_path(std::string_view rule_path, std::string_view wanted);

/// All persistent rules: /etc/audit/rules.d/*.rules and /etc/audit/audit.rules.
std::expected<std::vector<AuditRule>, model::Unavailable> read_audit_rules(const HostRoot& root, std::vector<std::string>& files);

/// The `host.audit:<path>` document for an already resolved path.
model::json audit_document(const std::vector<AuditRule>& rules, const std::vector<std::string>& files, const std::string& path);

}  // namespace dockcis::collect
