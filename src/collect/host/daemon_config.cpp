// SPDX-License-Identifier: Apache-2.0
#include "collect/host/daemon_config.hpp"

#include "collect/host/dockerd_args.hpp"
#include "util/json_parse.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

// Options CIS section 2 reads, with dockerd's built-in values.
const json kDefaults{{"icc", true},          {"log-level", "info"},     {"iptables", true},
                     {"userland-proxy", true}, {"live-restore", false},   {"no-new-privileges", false},
                     {"experimental", false},  {"tls", false},            {"tlsverify", false},
                     {"selinux-enabled", false}, {"debug", false}};

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
    const auto flags = parse_dockerd_args(util::get_or(process, "cmdline", std::vector<std::string>{}));
    if (const auto found = flags.find("--config-file"); found != flags.end()) {
      return {{"path", found->second.back()}, {"source", "flag"}};
    }
    const long uid = util::get_or(process, "uid", 0L);
    if (uid != 0) {
      const auto environment = util::get_or(process, "environment", json::object());
      std::string base = util::get_or(environment, "XDG_CONFIG_HOME", "");
      if (base.empty()) {
        std::string home = util::get_or(environment, "HOME", "");
        if (home.empty()) home = home_of(root, uid);
        base = home + "/.config";
      }
      return {{"path", base + "/docker/daemon.json"}, {"source", "rootless default"}};
    }
  }
  return {{"path", "/etc/docker/daemon.json"}, {"source", "default"}};
}

// A dockerd whose command line was not read has flags unknown, not none:
// judged without them, an option a flag sets would pass as its default.
std::optional<model::Unavailable> unread_command_line(const json& process) {
  const auto unread = process.is_object() ? process.find("cmdline_error") : process.end();
  if (!process.is_object() || unread == process.end()) return std::nullopt;
  return model::Unavailable{"dockerd (pid " + util::get_or(process, "pid", json()).dump() + ") runs, but its command line could not be read (" +
                                util::get_or(*unread, "reason", std::string()) + "), so the options its flags set are unknown",
                            model::parse_error_kind(util::get_or(*unread, "kind", std::string())).value_or(model::ErrorKind::other)};
}

}  // namespace

json merge_daemon_config(const json& process, const json& config_file, const json& file_options) {
  json flags_doc = json::object();
  json flag_options = json::object();
  if (process.is_object()) {
    const auto flags = parse_dockerd_args(util::get_or(process, "cmdline", std::vector<std::string>{}));
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
  const auto mtime = util::get_or(config_file, "mtime", json());
  const auto started = process.is_object() ? util::get_or(process, "start_time", json()) : json();
  document["defaults"] = kDefaults;  // what each option falls back to, shown beside the sources that override it
  document["file_newer_than_daemon"] = mtime.is_number() && started.is_number() && mtime.get<long long>() > started.get<long long>();
  return document;
}

model::Fact daemon_config_fact(const HostRoot& root, const model::Fact& units, const DaemonPreference& preference) {
  const auto processes = find_dockerd_processes(root);
  json process = choose_dockerd(processes, preference);
  // No daemon in sight: the unit says how it would start; a unit or an
  // environment file that could not be read leaves the flags unknown, not absent.
  bool from_unit = false;
  const auto flags_unknown = [&](const model::Unavailable& why) {
    return model::Unavailable{"no dockerd process found under " + root.resolve("/proc").string() +
                                  ", and how systemd would start it could not be read: " + why.reason,
                              why.kind};
  };
  if (process.is_null() && !units) return std::unexpected(flags_unknown(units.error()));
  if (process.is_null() && units->contains("docker.service")) {
    const auto argv = unit_command_line(root, units->at("docker.service"));
    if (!argv) return std::unexpected(flags_unknown(argv.error()));
    if (!argv->empty()) {
      process = {{"pid", nullptr}, {"uid", 0}, {"exe", argv->front()}, {"cmdline", *argv}, {"start_time", nullptr},
                 {"from_unit", true}};
      from_unit = true;
    }
  }
  if (auto unread = unread_command_line(process)) return std::unexpected(std::move(*unread));
  // A dockerd the engine proves runs, started in a way not seen: its flags
  // are unknown, and judging the defaults in their place could pass what a
  // flag turned off. With no engine either (a bare host, a fixture tree),
  // there is no daemon whose flags are missed.
  if (process.is_null() && preference.engine_answered) {
    return std::unexpected(model::Unavailable{
        "the Engine API answers, but no dockerd process is visible under " + root.resolve("/proc").string() +
            " and no docker.service says how it starts, so dockerd's command-line options are unknown"
            " (in a container, run dockcis with --pid host)",
        model::ErrorKind::not_visible});
  }
  json config_file = config_file_location(root, process);
  const std::string path = config_file.at("path");
  json file_options = json::object();
  // dockerd refuses a daemon.json above a few hundred options long before this.
  constexpr std::size_t kMaxDaemonJson = 1024 * 1024;
  auto text = root.read_text(path, kMaxDaemonJson);
  if (!text) {
    if (text.error().kind != ProbeError::Kind::not_found) {
      return std::unexpected(unavailable(text.error(), "cannot read", path));
    }
    config_file["exists"] = false;
  } else {
    config_file["exists"] = true;
    if (const auto info = root.stat(path)) config_file["mtime"] = static_cast<long long>(info->st_mtime);
    // dockerd (Go) reads invalid UTF-8 in daemon.json as U+FFFD; so does dockcis, and says so.
    if (!util::is_valid_utf8(*text)) {
      text = util::valid_utf8(*text);
      config_file["not_utf8"] = true;
    }
    auto parsed = util::parse_json(*text);
    if (!parsed) {
      return std::unexpected(model::Unavailable{path + " is not valid JSON: " + parsed.error().message, model::ErrorKind::invalid_file});
    }
    file_options = std::move(*parsed);
    if (!file_options.is_object()) return std::unexpected(model::Unavailable{path + " is not a JSON object", model::ErrorKind::invalid_file});
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
