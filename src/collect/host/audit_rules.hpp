// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// One persistent audit rule of the exit list that names a path, and what
/// loading it does to that list.
struct AuditRule {
  enum class Change { append, prepend, remove };
  std::string path;  ///< -w PATH, -W PATH, -F path=PATH, -F dir=PATH
  bool dir = false;    ///< -F dir=: the path and everything below it
  bool watch = false;  ///< -w / -W rather than an -a / -A / -d rule
  bool never = false;  ///< a never action: suppresses, does not audit
  Change change = Change::append;
  std::string text;
  std::string file;
  int line = 0;
};

/// Rules of one rules file that name a path on the exit list, in file order.
std::vector<AuditRule> parse_audit_rules(std::string_view text, const std::string& file);

/// Paths are compared exactly, trailing slashes ignored, /var/run and /run
/// taken as one (on systemd hosts /var/run is a link to /run).
bool same_audit_path(std::string_view rule_path, std::string_view wanted);

/// All persistent rules in load order: /etc/audit/rules.d/*.rules, then
/// /etc/audit/audit.rules.
std::expected<std::vector<AuditRule>, model::Unavailable> read_audit_rules(const HostRoot& root, std::vector<std::string>& files);

/// The `host.audit:<path>` document for an already resolved path: watched
/// when the rules, loaded in order, leave a rule auditing exactly that path
/// ahead of every never rule covering it.
model::json audit_document(const std::vector<AuditRule>& rules, const std::vector<std::string>& files, const std::string& path);

}  // namespace dockcis::collect
