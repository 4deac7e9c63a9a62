// SPDX-License-Identifier: Apache-2.0
#include "collect/host/dockerd_args.hpp"

#include <algorithm>
#include <array>

namespace dockcis::collect {
namespace {

using nlohmann::json;

struct ShortFlag {
  char letter;
  std::string_view long_name;
};
constexpr std::array kShortFlags{ShortFlag{'H', "--host"},      ShortFlag{'D', "--debug"},  ShortFlag{'l', "--log-level"},
                                 ShortFlag{'G', "--group"},     ShortFlag{'s', "--storage-driver"},
                                 ShortFlag{'b', "--bridge"},    ShortFlag{'p', "--pidfile"}, ShortFlag{'g', "--data-root"}};

constexpr std::array<std::string_view, 20> kBooleanFlags{
    "--debug",    "--icc",          "--iptables",        "--ip6tables",   "--ip-forward", "--ip-masq",  "--live-restore",
    "--userland-proxy", "--no-new-privileges", "--tls", "--tlsverify", "--experimental", "--selinux-enabled", "--raw-logs",
    "--init",     "--ipv6",         "--validate",        "--rootless",    "--help",       "--version"};

struct ListFlag {
  std::string_view flag;
  std::string_view key;
};
constexpr std::array kListFlags{
    ListFlag{"--host", "hosts"},                        ListFlag{"--insecure-registry", "insecure-registries"},
    ListFlag{"--authorization-plugin", "authorization-plugins"}, ListFlag{"--storage-opt", "storage-opts"},
    ListFlag{"--dns", "dns"},                           ListFlag{"--dns-opt", "dns-opts"},
    ListFlag{"--dns-search", "dns-search"},             ListFlag{"--label", "labels"},
    ListFlag{"--registry-mirror", "registry-mirrors"},  ListFlag{"--exec-opt", "exec-opts"},
    ListFlag{"--default-ulimit", "default-ulimits"},    ListFlag{"--log-opt", "log-opts"},
    ListFlag{"--add-runtime", "runtimes"},              ListFlag{"--default-address-pool", "default-address-pools"}};

bool is_boolean(std::string_view flag) { return std::ranges::find(kBooleanFlags, flag) != kBooleanFlags.end(); }

std::string canonical(std::string_view word) {
  if (word.size() == 2 && word[0] == '-' && word[1] != '-') {
    for (const auto& s : kShortFlags) {
      if (s.letter == word[1]) return std::string(s.long_name);
    }
  }
  if (word == "--graph") return "--data-root";
  return std::string(word);
}

// "nofile=1024:2048" -> {"Name": "nofile", "Soft": 1024, "Hard": 2048}
json ulimit(const std::string& text) {
  const auto equals = text.find('=');
  const auto name = text.substr(0, equals);
  json limit{{"Name", name}};
  if (equals == std::string::npos) return limit;
  const auto values = text.substr(equals + 1);
  const auto colon = values.find(':');
  try {
    limit["Soft"] = std::stoll(values.substr(0, colon));
    limit["Hard"] = std::stoll(colon == std::string::npos ? values : values.substr(colon + 1));
  } catch (const std::exception&) {
    limit["Raw"] = values;
  }
  return limit;
}

}  // namespace

DockerdFlags parse_dockerd_args(const std::vector<std::string>& argv) {
  DockerdFlags flags;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const auto& word = argv[i];
    if (!word.starts_with('-') || word == "-" || word == "--") continue;
    const auto equals = word.find('=');
    const std::string name = canonical(word.substr(0, equals));
    if (equals != std::string::npos) {
      flags[name].push_back(word.substr(equals + 1));
    } else if (is_boolean(name)) {
      flags[name].push_back("true");
    } else if (i + 1 < argv.size()) {
      flags[name].push_back(argv[++i]);
    } else {
      flags[name].push_back("");
    }
  }
  return flags;
}

json flags_to_options(const DockerdFlags& flags) {
  json options = json::object();
  for (const auto& [flag, values] : flags) {
    const auto list = std::ranges::find(kListFlags, flag, &ListFlag::flag);
    if (list != kListFlags.end()) {
      const std::string key(list->key);
      if (key == "default-ulimits") {
        for (const auto& value : values) {
          const auto limit = ulimit(value);
          options[key][limit.at("Name").get<std::string>()] = limit;
        }
      } else if (key == "log-opts") {
        for (const auto& value : values) {
          const auto equals = value.find('=');
          options[key][value.substr(0, equals)] = equals == std::string::npos ? "" : value.substr(equals + 1);
        }
      } else {
        for (const auto& value : values) options[key].push_back(value);
      }
      continue;
    }
    const std::string key = flag.substr(2);
    const auto& last = values.back();
    if (is_boolean(flag)) {
      options[key] = !(last == "false" || last == "0" || last == "FALSE" || last == "False");
    } else {
      options[key] = last;
    }
  }
  return options;
}

std::vector<std::string> shell_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < text.size()) current += text[++i];
      else current += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      current += text[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(current)), current.clear();
      in_word = false;
    } else {
      current += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(current));
  return words;
}

std::map<std::string, std::string> parse_environment_file(std::string_view text) {
  std::map<std::string, std::string> variables;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line.remove_prefix(first);
    if (line.starts_with("export ")) line.remove_prefix(7);
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    const auto value = shell_words(line.substr(equals + 1));
    std::string joined;
    for (std::size_t i = 0; i < value.size(); ++i) joined += (i ? " " : "") + value[i];
    variables[std::string(line.substr(0, equals))] = joined;
    if (end == text.size()) break;
  }
  return variables;
}

}  // namespace dockcis::collect
