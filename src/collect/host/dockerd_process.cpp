// SPDX-License-Identifier: Apache-2.0
#include "collect/host/dockerd_process.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <utility>

#include "collect/host/dockerd_args.hpp"
#include "collect/host/proc.hpp"
#include "util/strings.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

std::optional<long long> to_number(std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Start time in seconds since the epoch: /proc/<pid>/stat field 22 is in
// clock ticks since boot, /proc/stat btime is the boot time.
json start_time(const HostRoot& root, const std::string& pid) {
  const auto stat = root.read_text("/proc/" + pid + "/stat");
  const auto boot = root.read_text("/proc/stat");
  if (!stat || !boot) return nullptr;
  const auto after_comm = stat->rfind(')');
  if (after_comm == std::string::npos || after_comm + 2 > stat->size()) return nullptr;
  const auto fields = util::split_words(stat->substr(after_comm + 2));
  if (fields.size() < 20) return nullptr;
  std::optional<long long> btime;
  for (const auto& line : util::split(*boot, '\n')) {
    if (line.starts_with("btime ")) btime = to_number(util::trim(line.substr(6)));
  }
  const auto started = to_number(fields[19]);
  if (!btime || !started || *btime < 0 || *started < 0) return nullptr;
  const long ticks = sysconf(_SC_CLK_TCK);
  // Both come from files a --root tree shapes: a sum past the range is no time.
  long long at = 0;
  if (__builtin_add_overflow(*btime, *started / (ticks > 0 ? ticks : 100), &at)) return nullptr;
  return at;
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

json find_dockerd_processes(const HostRoot& root) {
  json processes = json::array();
  for (const long number : list_pids(root)) {
    const std::string pid = std::to_string(number);
    const auto comm = root.read_text("/proc/" + pid + "/comm");
    if (!comm || util::trim(*comm) != "dockerd") continue;
    const auto cmdline_path = "/proc/" + pid + "/cmdline";
    const auto cmdline = root.read_text(cmdline_path);
    const auto status = root.read_text("/proc/" + pid + "/status");
    const auto exe = root.read_link("/proc/" + pid + "/exe");
    const auto uid = status ? status_uid(*status) : std::nullopt;
    json process{{"pid", number},
                 {"uid", uid ? json(*uid) : json(nullptr)},
                 {"exe", exe ? json(*exe) : json(nullptr)},
                 {"cmdline", cmdline && !cmdline->empty() ? json(split_nul(*cmdline)) : json(nullptr)},
                 {"start_time", start_time(root, pid)},
                 {"environment", environment_of(root, pid)}};
    // A command line not read is flags unknown, never "no flags": an
    // exiting process (or a zombie) has an empty one.
    if (!cmdline) {
      const auto why = unavailable(cmdline.error(), "cannot read", cmdline_path);
      process["cmdline_error"] = {{"reason", why.reason}, {"kind", model::to_string(why.kind)}};
    } else if (cmdline->empty()) {
      process["cmdline_error"] = {{"reason", cmdline_path + " is empty: the process is exiting"},
                                  {"kind", model::to_string(model::ErrorKind::other)}};
    }
    processes.push_back(std::move(process));
  }
  return processes;
}

json choose_dockerd(const json& processes, const DaemonPreference& preference) {
  const auto score = [&](const json& candidate) {
    const auto uid = util::get_or(candidate, "uid", json());
    if (!uid.is_number()) return 0;
    const bool root = uid == 0;
    if (!preference.rootless) return root ? 2 : 1;
    if (preference.uid >= 0 && uid == preference.uid) return 3;
    return root ? 1 : 2;
  };
  // Of two alike, one whose command line was read: the other may be a
  // zombie or an exiting dockerd (an empty command line), not the daemon.
  const auto read = [](const json& candidate) { return candidate.contains("cmdline_error") ? 0 : 1; };
  json chosen = nullptr;
  for (const auto& candidate : processes) {
    if (chosen.is_null() || std::pair(score(candidate), read(candidate)) > std::pair(score(chosen), read(chosen))) chosen = candidate;
  }
  return chosen;
}

std::expected<std::vector<std::string>, model::Unavailable> unit_command_line(const HostRoot& root, const json& service_unit) {
  const auto exec_start = util::get_or(service_unit, "exec_start", json::array());
  if (!exec_start.is_array() || exec_start.empty() || !exec_start.back().is_string()) return std::vector<std::string>{};
  std::map<std::string, std::string> variables;
  for (const auto& file : util::get_or(service_unit, "environment_files", json::array())) {
    const auto path = util::get_or(file, "path", "");
    const auto text = root.read_text(path);
    if (!text) {
      if (text.error().kind != ProbeError::Kind::not_found) return std::unexpected(unavailable(text.error(), "cannot read", path));
      continue;
    }
    for (const auto& [name, value] : parse_environment_file(*text)) variables[name] = value;
  }
  for (const auto& assignment : util::get_or(service_unit, "environment", json::array())) {
    if (!assignment.is_string()) continue;
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

}  // namespace dockcis::collect
