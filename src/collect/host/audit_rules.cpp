// SPDX-License-Identifier: Apache-2.0
#include "collect/host/audit_rules.hpp"

#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

std::string normal_path(std::string_view path) {
  std::string out(path);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.starts_with("/var/run/") || out == "/var/run") out.erase(0, 4);
  return out;
}

}  // namespace

std::vector<AuditRule> parse_audit_rules(std::string_view text, const std::string& file) {
  std::vector<AuditRule> rules;
  int number = 0;
  for (const auto& raw : util::split(text, '\n')) {
    ++number;
    const auto line = util::trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const auto words = util::split_words(line);
    std::string path;
    bool never = false;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      const auto& word = words[i];
      const auto& next = words[i + 1];
      if (word == "-w") path = next;
      if ((word == "-a" || word == "-A") && next.find("never") != std::string::npos) never = true;
      if (word == "-F" && (next.starts_with("path=") || next.starts_with("dir="))) path = next.substr(next.find('=') + 1);
    }
    if (!path.empty() && !never) rules.push_back({path, line, file, number});
  }
  return rules;
}

bool same_audit_path(std::string_view rule_path, std::string_view wanted) { return normal_path(rule_path) == normal_path(wanted); }

std::expected<std::vector<AuditRule>, model::Unavailable> read_audit_rules(const HostRoot& root, std::vector<std::string>& files) {
  std::vector<AuditRule> rules;
  std::vector<std::string> paths;
  if (const auto names = root.list_dir("/etc/audit/rules.d")) {
    for (const auto& name : *names) {
      if (name.ends_with(".rules")) paths.push_back("/etc/audit/rules.d/" + name);
    }
  } else if (names.error().kind != ProbeError::Kind::not_found) {
    return std::unexpected(unavailable(names.error(), "cannot list", "/etc/audit/rules.d"));
  }
  paths.push_back("/etc/audit/audit.rules");
  for (const auto& path : paths) {
    const auto text = root.read_text(path);
    if (!text) {
      if (text.error().kind == ProbeError::Kind::not_found) continue;
      return std::unexpected(unavailable(text.error(), "cannot read", path));
    }
    files.push_back(path);
    auto parsed = parse_audit_rules(*text, path);
    rules.insert(rules.end(), parsed.begin(), parsed.end());
  }
  return rules;
}

model::json audit_document(const std::vector<AuditRule>& rules, const std::vector<std::string>& files, const std::string& path) {
  model::json matching = model::json::array();
  for (const auto& rule : rules) {
    if (same_audit_path(rule.path, path)) matching.push_back({{"text", rule.text}, {"file", rule.file}, {"line", rule.line}});
  }
  return {{"path", path}, {"watched", !matching.empty()}, {"rules", matching}, {"rule_files", files}};
}

}  // namespace dockcis::collect
