// SPDX-License-Identifier: Apache-2.0
#include "collect/host/dockerd_args.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>

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

constexpr std::string_view kBooleanFlags[]{
    "--debug",          "--icc",          "--iptables",  "--ip6tables",  "--ip-forward", "--ip-masq",
    "--live-restore",   "--userland-proxy", "--no-new-privileges", "--tls", "--tlsverify",  "--experimental",
    "--selinux-enabled", "--raw-logs",    "--init",      "--ipv6",       "--validate",   "--rootless",
    "--cri-containerd", "--disable-legacy-registry", "--help", "--version"};

// Options daemon.json holds as numbers.
constexpr std::string_view kNumberOptions[]{"max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts",
                                            "mtu", "shutdown-timeout", "oom-score-adjust", "network-diagnostic-port"};

struct ListFlag {
  std::string_view flag;
  std::string_view key;
};
constexpr ListFlag kListFlags[]{
    {"--host", "hosts"},
    {"--insecure-registry", "insecure-registries"},
    {"--authorization-plugin", "authorization-plugins"},
    {"--storage-opt", "storage-opts"},
    {"--dns", "dns"},
    {"--dns-opt", "dns-opts"},
    {"--dns-search", "dns-search"},
    {"--label", "labels"},
    {"--registry-mirror", "registry-mirrors"},
    {"--exec-opt", "exec-opts"},
    {"--default-ulimit", "default-ulimits"},
    {"--log-opt", "log-opts"},
    {"--cluster-store-opt", "cluster-store-opts"},
    {"--add-runtime", "runtimes"},
    {"--default-address-pool", "default-address-pools"},
    {"--allow-nondistributable-artifacts", "allow-nondistributable-artifacts"},
    {"--node-generic-resource", "node-generic-resources"}};

bool is_boolean(std::string_view flag) { return std::ranges::find(kBooleanFlags, flag) != std::end(kBooleanFlags); }

// "--insecure-registries" is daemon.json's key, not a flag: dockerd refuses it,
// and read as one it would clash with the list "--insecure-registry" builds.
bool is_list_key(std::string_view key) { return std::ranges::find(kListFlags, key, &ListFlag::key) != std::end(kListFlags); }

// Go's strconv.ParseBool, which dockerd's flag package uses.
bool false_word(std::string_view value) {
  return value == "false" || value == "0" || value == "f" || value == "F" || value == "FALSE" || value == "False";
}

std::pair<std::string, std::string> key_value(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos) return {text, ""};
  return {text.substr(0, equals), text.substr(equals + 1)};
}

// The number a word spells, else the word itself (dockerd would reject it; the text is evidence).
json as_number(const std::string& text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return text;
  return value;
}

// "base=10.10.0.0/16,size=24" -> {"base": "10.10.0.0/16", "size": 24}
json address_pool(const std::string& text) {
  json pool = json::object();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const auto [name, value] = key_value(text.substr(start, comma - start));
    if (!name.empty()) pool[name] = name == "size" ? as_number(value) : json(value);
    start = comma + 1;
  }
  return pool;
}

json typed_value(const std::string& key, const std::string& value) {
  return std::ranges::find(kNumberOptions, key) != std::end(kNumberOptions) ? as_number(value) : json(value);
}

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
    // A shorthand may carry its value attached: "-ldebug", "-Hfd://".
    if (word[1] != '-' && word.size() > 2 && word[2] != '=') {
      const auto name = canonical(word.substr(0, 2));
      if (name.starts_with("--") && !is_boolean(name)) {
        flags[name].push_back(word.substr(2));
        continue;
      }
    }
    const auto equals = word.find('=');
    const std::string name = canonical(word.substr(0, equals));
    // "-=x" and "--=x" name no flag: dockerd refuses them as bad flag syntax.
    if (name == "-" || name == "--") continue;
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
    if (list != std::end(kListFlags)) {
      const std::string key(list->key);
      auto& option = options[key];
      for (const auto& value : values) {
        if (key == "default-ulimits") {
          const auto limit = ulimit(value);
          option[limit.at("Name").get<std::string>()] = limit;
        } else if (key == "log-opts" || key == "cluster-store-opts") {
          const auto [name, setting] = key_value(value);
          option[name] = setting;
        } else if (key == "runtimes") {
          const auto [name, path] = key_value(value);
          option[name] = {{"path", path}};
        } else if (key == "default-address-pools") {
          option.push_back(address_pool(value));
        } else {
          option.push_back(value);
        }
      }
      continue;
    }
    const std::string key = flag.substr(2);
    if (is_list_key(key)) continue;
    const auto& last = values.back();
    options[key] = is_boolean(flag) ? json(!false_word(last)) : typed_value(key, last);
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
