// SPDX-License-Identifier: Apache-2.0
#include "collect/host/audit_rules.hpp"

#include <deque>
#include <map>
#include <vector>

#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

std::string normal_path(std::string_view path) {
  std::string out(path);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.starts_with("/var/run/") || out == "/var/run") out.erase(0, 4);
  return out;
}

// A never rule with -F dir= covers the directory and everything below it;
// `wanted` is already normal.
bool never_covers(const AuditRule& rule, const std::string& wanted) {
  const auto top = normal_path(rule.path);
  if (top == wanted) return true;
  if (!rule.dir) return false;
  return top == "/" || wanted.starts_with(top + "/");
}

// What a -W or -d deletes: the earlier rules of its kind, action and path.
struct RuleKey {
  bool watch;
  bool never;
  bool dir;
  std::string path;
  auto operator<=>(const RuleKey&) const = default;
};

RuleKey key_of(const AuditRule& rule) { return {rule.watch, rule.never, rule.dir, normal_path(rule.path)}; }

struct ListEntry {
  const AuditRule* rule;
  bool deleted = false;
};

model::json rule_entry(const AuditRule& rule) { return {{"text", rule.text}, {"file", rule.file}, {"line", rule.line}}; }

}  // namespace

std::vector<AuditRule> parse_audit_rules(std::string_view text, const std::string& file) {
  std::vector<AuditRule> rules;
  int number = 0;
  for (const auto& raw : util::split(text, '\n')) {
    ++number;
    const auto line = util::trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const auto words = util::split_words(line);
    AuditRule rule;
    rule.text = line;
    rule.file = file;
    rule.line = number;
    bool on_exit_list = false;
    std::string action;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      const auto& word = words[i];
      const auto& next = words[i + 1];
      if (word == "-w" || word == "-W") {
        // A watch is an always rule of the exit list.
        rule.path = next;
        rule.watch = true;
        rule.change = word == "-W" ? AuditRule::Change::remove : AuditRule::Change::append;
        on_exit_list = true;
        action = "always";
      }
      if (word == "-a" || word == "-A" || word == "-d") {
        // auditctl takes "action,list" in either order.
        const auto parts = util::split(next, ',');
        if (parts.size() != 2) continue;
        on_exit_list = parts[0] == "exit" || parts[1] == "exit";
        action = parts[0] == "exit" ? parts[1] : parts[0];
        rule.change = word == "-a" ? AuditRule::Change::append : word == "-A" ? AuditRule::Change::prepend : AuditRule::Change::remove;
      }
      if (word == "-F" && (next.starts_with("path=") || next.starts_with("dir="))) {
        rule.path = next.substr(next.find('=') + 1);
        rule.dir = next.starts_with("dir=");
      }
    }
    if (rule.path.empty() || !on_exit_list || (action != "always" && action != "never")) continue;
    rule.never = action == "never";
    rules.push_back(std::move(rule));
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

// The rules are taken as auditctl loads them, one after the other, onto the
// kernel's exit list, which answers an event with the first rule matching it
// (watches are rules of that list too):
//  - -w and -a append, -A prepends;
//  - -W deletes the earlier watches of the path, -d the earlier -a/-A rules
//    of its action and path (auditctl deletes only an identical rule; taking
//    every rule of the path can only make a path less audited, never more);
//  - a never rule naming the path (-F path=, or -F dir= of it or of a
//    directory above it) suppresses what comes after it in the list, whatever
//    other fields narrow it.
// The path is watched when a rule auditing exactly it comes first. -D
// (delete all) is not followed: augenrules writes audit.rules from rules.d,
// so the two usually hold the same rules, -D included, and neither deletes
// the other.
model::json audit_document(const std::vector<AuditRule>& rules, const std::vector<std::string>& files, const std::string& path) {
  const auto wanted = normal_path(path);
  // -A puts a rule in front. A deque keeps its entries where they are when
  // it grows at either end, so deleting can mark them through their key
  // rather than scan the whole list at every -W or -d.
  std::deque<ListEntry> list;
  std::map<RuleKey, std::vector<ListEntry*>> by_key;
  model::json removed_by = model::json::array();
  for (const auto& rule : rules) {
    if (rule.change == AuditRule::Change::remove) {
      if (const auto found = by_key.find(key_of(rule)); found != by_key.end()) {
        for (auto* entry : found->second) entry->deleted = true;
        by_key.erase(found);
        removed_by.push_back(rule_entry(rule));
      }
      continue;
    }
    if (!(rule.never ? never_covers(rule, wanted) : normal_path(rule.path) == wanted)) continue;
    auto& entry = rule.change == AuditRule::Change::prepend ? list.emplace_front(ListEntry{&rule}) : list.emplace_back(ListEntry{&rule});
    by_key[key_of(rule)].push_back(&entry);
  }
  model::json auditing = model::json::array();
  const AuditRule* first = nullptr;
  for (const auto& entry : list) {
    if (entry.deleted) continue;
    if (first == nullptr) first = entry.rule;
    if (!entry.rule->never) auditing.push_back(rule_entry(*entry.rule));
  }
  const bool watched = first != nullptr && !first->never;
  model::json document{{"path", path}, {"watched", watched}, {"rules", auditing}, {"rule_files", files}};
  if (first != nullptr && first->never) document["suppressed_by"] = rule_entry(*first);
  if (!removed_by.empty()) document["removed_by"] = removed_by;
  return document;
}

}  // namespace dockcis::collect
