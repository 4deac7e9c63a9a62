// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// uid -> user name and gid -> group name from the audited host's files.
struct NameMaps {
  std::map<long, std::string> users;
  std::map<long, std::string> groups;
};
NameMaps read_name_maps(const HostRoot& root);

/// lstat of a path: {path, exists, type, mode, mode_octal, uid, gid, owner, group}.
model::Fact file_fact(const HostRoot& root, const NameMaps& names, const std::string& path);
/// Every entry below a directory (depth and count bounded).
model::Fact tree_fact(const HostRoot& root, const NameMaps& names, const std::string& path);

/// Mount points from mountinfo text: the longest mount covering `path`.
model::json mount_document(std::string_view mountinfo, const std::string& path);
model::Fact mount_fact(const HostRoot& root, const std::string& path);

/// SELINUX= of /etc/selinux/config, lower-cased ("enforcing", "permissive",
/// "disabled"), "" when absent.
std::string selinux_config_mode(std::string_view config);

/// A group of /etc/group: {name, exists, gid, members, member_sources}. Its
/// members are every user a login gets the group's gid for: those listed on
/// any line of the name or of its gid, and those whose primary gid in
/// /etc/passwd it is; each source is {member, file, line}.
model::Fact group_fact(const HostRoot& root, const std::string& name);
model::Fact kernel_fact(const HostRoot& root);
model::Fact identity_fact(const HostRoot& root);

}  // namespace dockcis::collect
