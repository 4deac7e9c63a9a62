// SPDX-License-Identifier: Apache-2.0
#include "collect/host/systemd_units.hpp"

#include <algorithm>
#include <map>

#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;

constexpr std::string_view kSearchPath[] = {"/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
                                            "/usr/lib/systemd/system", "/lib/systemd/system"};

json last_values(const json& unit, const char* section, const char* key) {
  if (!unit.contains(section) || !unit[section].contains(key)) return json::array();
  return unit[section][key];
}

}  // namespace

json parse_unit_text(std::string_view text, json into) {
  std::string section;
  std::string pending;
  for (auto line : util::split(text, '\n')) {
    line = util::trim(line);
    // Backslash continues a line.
    if (!line.empty() && line.back() == '\\') {
      pending += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    line = pending + line;
    pending.clear();
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string::npos || section.empty()) continue;
    const auto key = util::trim(line.substr(0, equals));
    const auto value = util::trim(line.substr(equals + 1));
    auto& values = into[section][key];
    if (!values.is_array()) values = json::array();
    if (value.empty()) values = json::array();
    else values.push_back(value);
  }
  return into;
}

std::expected<json, model::Unavailable> resolve_unit(const HostRoot& root, std::string_view name) {
  json result{{"found", false}, {"fragment_path", nullptr}, {"dropin_paths", json::array()}, {"masked", false}};
  json unit = json::object();
  // What systemd would read and dockcis cannot is an error, never a unit
  // judged without it: a drop-in it skipped may be the one that sets ExecStart.
  // Missing is not an error (a dangling link included): systemd skips it too.
  const auto unreadable = [](const ProbeError& error) { return error.kind != ProbeError::Kind::not_found; };
  for (const auto dir : kSearchPath) {
    const std::string candidate = std::string(dir) + "/" + std::string(name);
    if (const auto found = root.lstat(candidate); !found) {
      if (unreadable(found.error())) return std::unexpected(unavailable(found.error(), "cannot stat", candidate));
      continue;
    }
    // The fragment is the file the links lead to, as systemctl's FragmentPath says.
    const auto real = root.real_path(candidate);
    const std::string fragment = real ? *real : candidate;
    const auto info = root.stat(candidate);
    // systemd.unit(5): a unit linked to /dev/null, or an empty one, is masked.
    if (fragment == "/dev/null" || (info && S_ISREG(info->st_mode) && info->st_size == 0)) {
      result["masked"] = true;
      result["fragment_path"] = candidate;
      result["found"] = true;
      break;
    }
    const auto text = root.read_text(fragment);
    if (!text) {
      if (unreadable(text.error())) return std::unexpected(unavailable(text.error(), "cannot read", fragment));
      continue;
    }
    result["found"] = true;
    result["fragment_path"] = fragment;
    unit = parse_unit_text(*text);
    break;
  }
  // Drop-ins: same-named files in an earlier directory override later ones; applied in name order.
  // A masked unit loads none of them.
  std::map<std::string, std::string> dropins;
  for (auto dir = std::rbegin(kSearchPath); dir != std::rend(kSearchPath) && result["masked"] == false; ++dir) {
    const std::string directory = std::string(*dir) + "/" + std::string(name) + ".d";
    const auto names = root.list_dir(directory);
    if (!names) {
      if (unreadable(names.error())) return std::unexpected(unavailable(names.error(), "cannot list", directory));
      continue;
    }
    for (const auto& file : *names) {
      if (file.ends_with(".conf")) dropins[file] = directory + "/" + file;
    }
  }
  for (const auto& [file, path] : dropins) {
    const auto text = root.read_text(path);
    if (!text) {
      if (unreadable(text.error())) return std::unexpected(unavailable(text.error(), "cannot read", path));
      continue;
    }
    result["dropin_paths"].push_back(path);
    unit = parse_unit_text(*text, std::move(unit));
  }
  result["exec_start"] = last_values(unit, "Service", "ExecStart");
  result["environment"] = last_values(unit, "Service", "Environment");
  json files = json::array();
  for (const auto& file : last_values(unit, "Service", "EnvironmentFile")) {
    auto path = file.get<std::string>();
    const bool optional = path.starts_with('-');
    if (optional) path.erase(0, 1);
    files.push_back({{"path", path}, {"optional", optional}});
  }
  result["environment_files"] = files;
  result["listen_stream"] = last_values(unit, "Socket", "ListenStream");
  for (const auto& [key, field] : {std::pair{"SocketUser", "socket_user"}, {"SocketGroup", "socket_group"}, {"SocketMode", "socket_mode"}}) {
    const auto values = last_values(unit, "Socket", key);
    result[field] = values.empty() ? json(nullptr) : values.back();
  }
  return result;
}

model::Fact collect_units(const HostRoot& root) {
  auto service = resolve_unit(root, "docker.service");
  if (!service) return std::unexpected(std::move(service.error()));
  auto socket = resolve_unit(root, "docker.socket");
  if (!socket) return std::unexpected(std::move(socket.error()));
  return json{{"docker.service", std::move(*service)}, {"docker.socket", std::move(*socket)}};
}

}  // namespace dockcis::collect
