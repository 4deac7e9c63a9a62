// SPDX-License-Identifier: Apache-2.0
#include "collect/host/daemon_config.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <map>

#include "collect/host/dockerd_args.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;

// Options CIS section 2 reads, with dockerd's built-in values.
const json kDefaults{{"icc", true},          {"log-level", "info"},     {"iptables", true},
                     {"userland-proxy", true}, {"live-restore", false},   {"no-new-privileges", false},
                     {"experimental", false},  {"tls", false},            {"tlsverify", false},
                     {"selinux-enabled", false}, {"debug", false}};

std::optional<long long> to_number(std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> split_nul(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == '\0') parts.push_back(std::move(current)), current.clear();
    else current += c;
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

// Start time in seconds since the epoch: /proc/<pid>/stat field 22 is in
// clock ticks since boot, /proc/stat btime is the boot time.
json start_time(const HostRoot& root, const std::string& pid) {
  const auto stat = root.read_text("/proc/" + pid + "/stat");
  const auto boot = root.read_text("/proc/stat");
  if (!stat || !boot) return nullptr;
  const auto after_comm = stat->rfind(')');
  if (after_comm == std::string::npos) return nullptr;
  const auto fields = util::split_words(stat->substr(after_comm + 2));
  if (fields.size() < 20) return nullptr;
  std::optional<long long> btime;
  for (const auto& line : util::split(*boot, '\n')) {
    if (line.starts_with("btime ")) btime = to_number(util::trim(line.substr(6)));
  }
  const auto started = to_number(fields[19]);
  if (!btime || !started) return nullptr;
  const long ticks = sysconf(_SC_CLK_TCK);
  return *btime + *started / (ticks > 0 ? ticks : 100);
}

std::string status_field(const std::string& status, std::string_view name) {
  for (const auto& line : util::split(status, '\n')) {
    if (line.starts_with(name)) return util::trim(line.substr(name.size()));
  }
  return {};
}

// Only what locates a rootless daemon.json: the rest of a daemon's environment
// may hold credentials and has no place in a report or snapshot.
json environment_of(const HostRoot& root, const std::string& pid) {
  json environment = json::object();
  if (const auto text = root.read_text("/proc/" + pid + "/environ")) {
    for (const auto& entry : split_nul(*text)) {
      const auto equals = entry.find('=');
      if (equals == std::string::npos) continue;
      const auto name = entry.substr(0, equals);
      if (name == "HOME" || name == "XDG_CONFIG_HOME") environment[name] = entry.substr(equals + 1);
    }
  }
  return environment;
}

std::string home_of(const HostRoot& root, long uid) {
  const auto passwd = root.read_text("/etc/passwd");
  if (!passwd) return {};
  for (const auto& line : util::split(*passwd, '\n')) {
    const auto fields = util::split(line, ':');
    if (fields.size() >= 6 && fields[2] == std::to_string(uid)) return fields[5];
  }
  return {};
}

// --config-file wins; a rootless daemon reads $XDG_CONFIG_HOME/docker or
// ~/.config/docker; a rootful one /etc/docker/daemon.json.
json config_file_location(const HostRoot& root, const json& process) {
  if (process.is_object()) {
    const auto flags = parse_dockerd_args(process.value("cmdline", std::vector<std::string>{}));
    if (const auto found = flags.find("--config-file"); found != flags.end()) {
      return {{"path", found->second.back()}, {"source", "flag"}};
    }
    const long uid = process.value("uid", 0L);
    if (uid != 0) {
      const auto environment = process.value("environment", json::object());
      std::string base = environment.value("XDG_CONFIG_HOME", "");
      if (base.empty()) {
        std::string home = environment.value("HOME", "");
        if (home.empty()) home = home_of(root, uid);
        base = home + "/.config";
      }
      return {{"path", base + "/docker/daemon.json"}, {"source", "rootless default"}};
    }
  }
  return {{"path", "/etc/docker/daemon.json"}, {"source", "default"}};
}

// $NAME and ${NAME} from the variables; unknown names expand to nothing, as in systemd.
std::string expand(const std::string& text, const std::map<std::string, std::string>& variables) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    std::size_t end = i + 1;
    std::string name;
    if (text[end] == '{') {
      const auto close = text.find('}', end);
      if (close == std::string::npos) {
        out += text[i];
        continue;
      }
      name = text.substr(end + 1, close - end - 1);
      end = close + 1;
    } else {
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) name += text[end++];
    }
    const auto found = variables.find(name);
    if (found != variables.end()) out += found->second;
    i = end - 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> unit_command_line(const HostRoot& root, const json& service_unit) {
  const auto exec_start = service_unit.value("exec_start", json::array());
  if (exec_start.empty()) return {};
  std::map<std::string, std::string> variables;
  for (const auto& file : service_unit.value("environment_files", json::array())) {
    if (const auto text = root.read_text(file.value("path", ""))) {
      for (const auto& [name, value] : parse_environment_file(*text)) variables[name] = value;
    }
  }
  for (const auto& assignment : service_unit.value("environment", json::array())) {
    for (const auto& word : shell_words(assignment.get<std::string>())) {
      const auto equals = word.find('=');
      if (equals != std::string::npos) variables[word.substr(0, equals)] = word.substr(equals + 1);
    }
  }
  auto command = exec_start.back().get<std::string>();
  // Prefixes such as "-" (ignore failure) or "@" do not belong to the command.
  while (!command.empty() && (command[0] == '-' || command[0] == '@' || command[0] == '+' || command[0] == '!')) command.erase(0, 1);
  return shell_words(expand(command, variables));
}

json find_dockerd_processes(const HostRoot& root) {
  json processes = json::array();
  const auto entries = root.list_dir("/proc");
  if (!entries) return processes;
  for (const auto& pid : *entries) {
    if (!std::ranges::all_of(pid, [](char c) { return c >= '0' && c <= '9'; })) continue;
    const auto comm = root.read_text("/proc/" + pid + "/comm");
    if (!comm || util::trim(*comm) != "dockerd") continue;
    const auto cmdline = root.read_text("/proc/" + pid + "/cmdline");
    const auto status = root.read_text("/proc/" + pid + "/status");
    const auto exe = root.read_link("/proc/" + pid + "/exe");
    const auto uid_fields = util::split_words(status ? status_field(*status, "Uid:") : "");
    const auto uid = uid_fields.empty() ? std::nullopt : to_number(uid_fields[0]);
    processes.push_back({{"pid", std::stol(pid)},
                         {"uid", uid ? json(*uid) : json(nullptr)},
                         {"exe", exe ? json(*exe) : json(nullptr)},
                         {"cmdline", cmdline ? split_nul(*cmdline) : std::vector<std::string>{}},
                         {"start_time", start_time(root, pid)},
                         {"environment", environment_of(root, pid)}});
  }
  std::sort(processes.begin(), processes.end(), [](const json& a, const json& b) { return a["pid"].get<long>() < b["pid"].get<long>(); });
  return processes;
}

json merge_daemon_config(const json& process, const json& config_file, const json& file_options) {
  json flags_doc = json::object();
  json flag_options = json::object();
  if (process.is_object()) {
    const auto flags = parse_dockerd_args(process.value("cmdline", std::vector<std::string>{}));
    for (const auto& [flag, values] : flags) flags_doc[flag] = values;
    flag_options = flags_to_options(flags);
  }
  json options = json::object();
  for (const auto& [key, value] : kDefaults.items()) options[key] = {{"value", value}, {"source", "default"}};
  for (const auto& [key, value] : file_options.items()) options[key] = {{"value", value}, {"source", "file"}};
  json conflicts = json::array();
  for (const auto& [key, value] : flag_options.items()) {
    if (key == "config-file") continue;
    if (file_options.contains(key)) conflicts.push_back(key);
    options[key] = {{"value", value}, {"source", "flag"}};
  }
  json document{{"process", process}, {"config_file", config_file}, {"file", file_options},
                {"flags", flags_doc},  {"options", options},         {"conflicts", conflicts}};
  const auto mtime = config_file.value("mtime", json());
  const auto started = process.is_object() ? process.value("start_time", json()) : json();
  document["file_newer_than_daemon"] = mtime.is_number() && started.is_number() && mtime.get<long long>() > started.get<long long>();
  return document;
}

json choose_dockerd(const json& processes, const DaemonPreference& preference) {
  const auto score = [&](const json& candidate) {
    const auto uid = candidate.value("uid", json());
    if (!uid.is_number()) return 0;
    const bool root = uid == 0;
    if (!preference.rootless) return root ? 2 : 1;
    if (preference.uid >= 0 && uid == preference.uid) return 3;
    return root ? 1 : 2;
  };
  json chosen = nullptr;
  for (const auto& candidate : processes) {
    if (chosen.is_null() || score(candidate) > score(chosen)) chosen = candidate;
  }
  return chosen;
}

model::Fact collect_daemon_config(const HostRoot& root, const model::Fact& units, const DaemonPreference& preference) {
  const auto processes = find_dockerd_processes(root);
  json process = choose_dockerd(processes, preference);
  // No daemon in sight: the unit says how it would start.
  bool from_unit = false;
  if (process.is_null() && units && units->contains("docker.service")) {
    const auto argv = unit_command_line(root, units->at("docker.service"));
    if (!argv.empty()) {
      process = {{"pid", nullptr}, {"uid", 0}, {"exe", argv.front()}, {"cmdline", argv}, {"start_time", nullptr},
                 {"from_unit", true}};
      from_unit = true;
    }
  }
  json config_file = config_file_location(root, process);
  const std::string path = config_file.at("path");
  json file_options = json::object();
  const auto text = root.read_text(path);
  if (!text) {
    if (text.error().kind != ProbeError::Kind::not_found) {
      return std::unexpected(model::Unavailable{describe(text.error(), "cannot read", path)});
    }
    config_file["exists"] = false;
  } else {
    config_file["exists"] = true;
    if (const auto info = root.stat(path)) config_file["mtime"] = static_cast<long long>(info->st_mtime);
    try {
      file_options = json::parse(*text);
    } catch (const json::parse_error& error) {
      return std::unexpected(model::Unavailable{path + " is not valid JSON: " + error.what()});
    }
    if (!file_options.is_object()) return std::unexpected(model::Unavailable{path + " is not a JSON object"});
  }
  auto document = merge_daemon_config(process, config_file, file_options);
  document["processes_found"] = processes.size();
  json pids = json::array();
  for (const auto& candidate : processes) pids.push_back(candidate["pid"]);
  document["pids"] = pids;
  if (from_unit) {
    for (auto& [key, option] : document["options"].items()) {
      if (option["source"] == "flag") option["source"] = "unit";
    }
    document["process_note"] = "no dockerd process found under " + root.resolve("/proc").string() +
                               "; flags come from docker.service's ExecStart and its environment files";
  } else if (process.is_null()) {
    document["process_note"] = "no dockerd process found under " + root.resolve("/proc").string() +
                               "; options come from the configuration file only";
  }
  return document;
}

}  // namespace dockcis::collect
