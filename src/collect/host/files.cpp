// SPDX-License-Identifier: Apache-2.0
#include "collect/host/files.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_set>

#include "util/strings.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

std::map<long, std::string> name_map(const HostRoot& root, const char* file) {
  std::map<long, std::string> names;
  if (const auto text = root.read_text(file)) {
    for (const auto& line : util::split(*text, '\n')) {
      const auto fields = util::split(line, ':');
      if (fields.size() < 3 || fields[2].empty()) continue;
      try {
        names.emplace(std::stol(fields[2]), fields[0]);
      } catch (const std::exception&) {
      }
    }
  }
  return names;
}

const char* type_name(mode_t mode) {
  if (S_ISREG(mode)) return "file";
  if (S_ISDIR(mode)) return "directory";
  if (S_ISLNK(mode)) return "symlink";
  if (S_ISSOCK(mode)) return "socket";
  return "other";
}

json name_or_null(const std::map<long, std::string>& names, long id) {
  const auto found = names.find(id);
  return found == names.end() ? json(nullptr) : json(found->second);
}

json stat_document(const std::string& path, const struct stat& info, const NameMaps& names) {
  const unsigned mode = info.st_mode & 07777;
  return {{"path", path},
          {"exists", true},
          {"type", type_name(info.st_mode)},
          {"mode", mode},
          {"mode_octal", util::octal_mode(mode)},
          {"uid", static_cast<long>(info.st_uid)},
          {"gid", static_cast<long>(info.st_gid)},
          {"owner", name_or_null(names.users, info.st_uid)},
          {"group", name_or_null(names.groups, info.st_gid)}};
}

std::string unescape_mount(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size()) {
      const auto digits = text.substr(i + 1, 3);
      if (digits.size() == 3 && digits.find_first_not_of("01234567") == std::string::npos) {
        out += static_cast<char>(std::stoi(digits, nullptr, 8));
        i += 3;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::optional<long> id_field(const std::string& field) {
  long number = 0;
  const auto* end = field.data() + field.size();
  const auto parsed = std::from_chars(field.data(), end, number);
  if (parsed.ec != std::errc() || parsed.ptr != end) return std::nullopt;
  return number;
}

}  // namespace

NameMaps read_name_maps(const HostRoot& root) { return {name_map(root, "/etc/passwd"), name_map(root, "/etc/group")}; }

model::Fact file_fact(const HostRoot& root, const NameMaps& names, const std::string& path) {
  const auto info = root.lstat(path);
  if (!info) {
    if (info.error().kind == ProbeError::Kind::not_found) return json{{"path", path}, {"exists", false}};
    return std::unexpected(unavailable(info.error(), "cannot stat", path));
  }
  return stat_document(path, *info, names);
}

model::Fact tree_fact(const HostRoot& root, const NameMaps& names, const std::string& path) {
  const auto top = root.lstat(path);
  if (!top) {
    if (top.error().kind == ProbeError::Kind::not_found) return json{{"path", path}, {"exists", false}, {"entries", json::array()}, {"files", json::array()}};
    return std::unexpected(unavailable(top.error(), "cannot stat", path));
  }
  // Every file under the path is judged, so a tree that is not seen whole is
  // an error: past the limits, or a part that cannot be listed or stat'ed.
  // What went away during the walk was not there to judge.
  constexpr int kMaxDepth = 8;
  constexpr std::size_t kMaxEntries = 10000;
  const auto too_large = [&](const std::string& what) {
    return std::unexpected(model::Unavailable{path + ": " + what + "; a tree so large is not walked", model::ErrorKind::too_large});
  };
  json entries = json::array();
  std::vector<std::pair<std::string, int>> pending{{path, 0}};
  while (!pending.empty()) {
    const auto [dir, depth] = pending.back();
    pending.pop_back();
    const auto listing = root.list_dir(dir);
    if (!listing) {
      if (listing.error().kind == ProbeError::Kind::not_found) continue;
      return std::unexpected(unavailable(listing.error(), "cannot list", dir));
    }
    for (const auto& name : *listing) {
      const std::string child = dir + "/" + name;
      const auto info = root.lstat(child);
      if (!info) {
        if (info.error().kind == ProbeError::Kind::not_found) continue;
        return std::unexpected(unavailable(info.error(), "cannot stat", child));
      }
      if (entries.size() == kMaxEntries) return too_large("more than " + std::to_string(kMaxEntries) + " entries under it");
      entries.push_back(stat_document(child, *info, names));
      if (!S_ISDIR(info->st_mode)) continue;
      if (depth == kMaxDepth) return too_large("directories nest more than " + std::to_string(kMaxDepth + 1) + " levels deep (" + child + ")");
      pending.emplace_back(child, depth + 1);
    }
  }
  json files = json::array();
  for (const auto& entry : entries) {
    if (util::get_or(entry, "type", "") == "file") files.push_back(entry);
  }
  return json{{"path", path}, {"exists", true}, {"entries", entries}, {"files", files}};
}

json mount_document(std::string_view mountinfo, const std::string& path) {
  json best = nullptr;
  std::size_t best_length = 0;
  for (const auto& line : util::split(mountinfo, '\n')) {
    const auto fields = util::split_words(line);
    const auto separator = std::find(fields.begin(), fields.end(), "-");
    if (fields.size() < 7 || separator == fields.end() || separator + 2 >= fields.end()) continue;
    const auto mount_point = unescape_mount(fields[4]);
    const bool covers = mount_point == "/" || path == mount_point || path.starts_with(mount_point + "/");
    if (!covers || mount_point.size() < best_length) continue;
    best_length = mount_point.size();
    best = {{"mount_point", mount_point}, {"fstype", *(separator + 1)}, {"source", unescape_mount(*(separator + 2))}};
  }
  json document{{"path", path}, {"is_mount_point", false}};
  if (!best.is_null()) {
    document.update(best);
    document["is_mount_point"] = best["mount_point"] == path;
  }
  return document;
}

std::expected<std::string, ProbeError> read_mountinfo(const HostRoot& root) {
  auto text = root.read_text("/proc/1/mountinfo");
  if (!text) text = root.read_text("/proc/self/mountinfo");
  return text;
}

model::Fact mount_fact(const HostRoot& root, const std::string& path) {
  const auto text = read_mountinfo(root);
  if (!text) return std::unexpected(unavailable(text.error(), "cannot read", "/proc/1/mountinfo"));
  // The partition is that of the directory a symlink leads to (/var/lib/docker -> /srv/docker).
  const auto real = root.real_path(path);
  const std::string where = real ? *real : path;
  auto document = mount_document(*text, where);
  document["path"] = path;
  if (where != path) document["real_path"] = where;
  document["exists"] = root.stat(path).has_value();
  return document;
}

model::Fact group_fact(const HostRoot& root, const std::string& name) {
  const json absent{{"name", name}, {"exists", false}, {"members", json::array()}, {"member_sources", json::array()}};
  const auto text = root.read_text("/etc/group");
  if (!text) {
    if (text.error().kind == ProbeError::Kind::not_found) return absent;
    return std::unexpected(unavailable(text.error(), "cannot read", "/etc/group"));
  }
  std::vector<std::vector<std::string>> lines;
  for (const auto& line : util::split(*text, '\n')) lines.push_back(util::split(line, ':'));
  // getgrnam answers with the first line of the name: its gid is the group's.
  const auto first = std::find_if(lines.begin(), lines.end(), [&](const auto& fields) { return fields.size() >= 4 && fields[0] == name; });
  if (first == lines.end()) return absent;
  const auto gid = id_field((*first)[2]);

  // Membership is what initgroups grants: every line of the name or of its
  // gid adds its listed users (a second "docker" line, or another name for
  // the same gid, counts), and so does a primary gid in /etc/passwd.
  json members = json::array();
  json sources = json::array();
  std::unordered_set<std::string> seen;  // a 4 MiB line lists 800,000 names: no search of the list per name
  const auto add = [&](const std::string& member, const char* file, std::size_t line) {
    if (seen.insert(member).second) members.push_back(member);
    sources.push_back({{"member", member}, {"file", file}, {"line", line}});
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& fields = lines[i];
    if (fields.size() < 4) continue;
    if (fields[0] != name && !(gid && id_field(fields[2]) == gid)) continue;
    for (const auto& member : util::split(fields[3], ',')) {
      if (!util::trim(member).empty()) add(util::trim(member), "/etc/group", i + 1);
    }
  }
  if (gid) {
    // Without the user list, members by primary group cannot be known.
    const auto passwd = root.read_text("/etc/passwd");
    if (!passwd) return std::unexpected(unavailable(passwd.error(), "cannot read", "/etc/passwd"));
    const auto users = util::split(*passwd, '\n');
    for (std::size_t i = 0; i < users.size(); ++i) {
      const auto fields = util::split(users[i], ':');
      if (fields.size() >= 4 && !fields[0].empty() && id_field(fields[3]) == gid) add(fields[0], "/etc/passwd", i + 1);
    }
  }
  return json{{"name", name}, {"exists", true}, {"gid", gid ? json(*gid) : json(nullptr)}, {"members", members}, {"member_sources", sources}};
}

std::string selinux_config_mode(std::string_view config) {
  for (const auto& raw : util::split(config, '\n')) {
    const auto line = util::trim(raw);
    if (!line.starts_with("SELINUX=")) continue;
    auto value = util::to_lower(util::trim(line.substr(8)));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) value = value.substr(1, value.size() - 2);
    return value;
  }
  return {};
}

model::Fact kernel_fact(const HostRoot& root) {
  const auto release = root.read_text("/proc/sys/kernel/osrelease");
  const auto apparmor = root.read_text("/sys/module/apparmor/parameters/enabled");
  // The running kernel's state when sysfs is visible; the boot configuration
  // otherwise. What exists but cannot be looked at is unknown (null), as for
  // AppArmor below, never "off".
  const auto unseen = [](const auto& probe) { return !probe && probe.error().kind != ProbeError::Kind::not_found; };
  json selinux = false;
  std::string selinux_source = "none";
  const auto enforce = root.stat("/sys/fs/selinux/enforce");
  if (enforce || unseen(enforce)) {
    selinux = enforce ? json(true) : json();
    selinux_source = "sysfs";
  } else if (root.stat("/sys/kernel")) {
    selinux_source = "sysfs";
  } else if (const auto config = root.read_text("/etc/selinux/config"); config || unseen(config)) {
    const auto mode = config ? selinux_config_mode(*config) : std::string();
    selinux = config ? json(mode == "enforcing" || mode == "permissive") : json();
    selinux_source = "/etc/selinux/config";
  }
  int cgroup_version = 1;
  if (root.stat("/sys/fs/cgroup/cgroup.controllers")) {
    cgroup_version = 2;
  } else if (const auto mountinfo = read_mountinfo(root)) {
    const auto cgroup = mount_document(*mountinfo, "/sys/fs/cgroup");
    if (cgroup["is_mount_point"] == true && util::get_or(cgroup, "fstype", "") == "cgroup2") cgroup_version = 2;
  }
  // No module flag is no AppArmor; a flag there but unreadable is unknown
  // (null), which a check comparing it takes as an error, not as "off".
  json apparmor_enabled = apparmor && util::trim(*apparmor) == "Y";
  if (unseen(apparmor)) apparmor_enabled = nullptr;
  return json{{"release", release ? util::trim(*release) : ""},
              {"apparmor_enabled", apparmor_enabled},
              {"selinux_enabled", selinux},
              {"selinux_source", selinux_source},
              {"cgroup_version", cgroup_version}};
}

model::Fact identity_fact(const HostRoot& root) {
  auto hostname = root.read_text("/etc/hostname");
  if (!hostname) hostname = root.read_text("/proc/sys/kernel/hostname");
  const auto machine_id = root.read_text("/etc/machine-id");
  const auto kernel = root.read_text("/proc/sys/kernel/osrelease");
  std::string os;
  auto os_release = root.read_text("/etc/os-release");
  if (!os_release) os_release = root.read_text("/usr/lib/os-release");
  if (os_release) {
    for (const auto& line : util::split(*os_release, '\n')) {
      if (line.starts_with("PRETTY_NAME=")) {
        os = line.substr(12);
        if (os.size() >= 2 && os.front() == '"') os = os.substr(1, os.size() - 2);
      }
    }
  }
  return json{{"hostname", hostname ? util::trim(*hostname) : ""},
              {"machine_id", machine_id ? util::trim(*machine_id) : ""},
              {"kernel", kernel ? util::trim(*kernel) : ""},
              {"os", os}};
}

}  // namespace dockcis::collect
