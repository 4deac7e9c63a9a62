// SPDX-License-Identifier: Apache-2.0
#include "engine/setting_sources.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "model/fact_names.hpp"
#include "util/json_access.hpp"

namespace dockcis::engine {
namespace {

using model::json;
using model::SettingSource;

// dockerd's flag for an option whose daemon.json key is not the flag's name
// (the list flags); every other option's flag is "--" + its key.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kFlagNames{{
    {"hosts", "--host"},
    {"insecure-registries", "--insecure-registry"},
    {"storage-opts", "--storage-opt"},
    {"default-ulimits", "--default-ulimit"},
    {"authorization-plugins", "--authorization-plugin"},
    {"log-opts", "--log-opt"},
    {"exec-opts", "--exec-opt"},
    {"registry-mirrors", "--registry-mirror"},
}};

std::string flag_name(const std::string& option) {
  const auto found = std::ranges::find(kFlagNames, option, &std::pair<std::string_view, std::string_view>::first);
  return found == kFlagNames.end() ? "--" + option : std::string(found->second);
}

std::string option_of(const model::Predicate& predicate) {
  constexpr std::string_view prefix = "/options/";
  if (predicate.fact != model::facts::daemon_config || !predicate.select.starts_with(prefix)) return "";
  const auto rest = predicate.select.substr(prefix.size());
  return rest.substr(0, rest.find('/'));
}

/// The engine predicates a first_of reads before falling back to `option` in daemon.config.
std::vector<const model::Predicate*> live_reads(const model::Test& root, const std::string& option) {
  std::vector<const model::Predicate*> live;
  std::vector<const model::Test*> pending{&root};
  while (!pending.empty()) {
    const auto* test = pending.back();
    pending.pop_back();
    for (const auto& child : test->children) pending.push_back(&child);
    if (test->kind != model::Test::Kind::first_of) continue;
    std::vector<const model::Predicate*> before;
    for (const auto& child : test->children) {
      if (child.kind != model::Test::Kind::predicate) continue;
      if (option_of(child.predicate) == option) {
        std::ranges::copy(before, std::back_inserter(live));
        break;
      }
      if (child.predicate.fact.starts_with("engine.")) before.push_back(&child.predicate);
    }
  }
  return live;
}

std::string engine_where(const model::Predicate& predicate) {
  const auto field = predicate.select.substr(predicate.select.rfind('/') + 1);
  if (predicate.fact == "engine.info") return "docker info: " + field;
  if (predicate.fact == "engine.version") return "docker version: " + field;
  if (predicate.fact == "engine.bridge") return "docker network inspect bridge: " + field;
  return predicate.fact + predicate.select;
}

SettingSource engine_source(const model::Predicate& predicate, const EvalContext& context) {
  SettingSource source{"engine", engine_where(predicate), json(), false, false, false, {}};
  const auto* fact = context.facts.find(predicate.fact);
  const json::json_pointer pointer(predicate.select);
  if (fact == nullptr) source.note = "not collected";
  else if (!*fact) source.note = "could not be read: " + fact->error().reason;
  else if (!util::get_or(**fact, "exists", true)) source.note = "there is no default bridge network";
  else if (!(*fact)->contains(pointer) || (*fact)->at(pointer).is_null()) source.note = "the engine does not report it";
  else source.value = (*fact)->at(pointer);
  return source;
}

// "--icc=false", "--insecure-registry=a --insecure-registry=b"
std::string flag_text(const std::string& flag, const json& values) {
  std::string text;
  if (!values.is_array()) return flag;
  for (const auto& value : values) {
    if (!value.is_string()) continue;
    const auto& word = value.get_ref<const std::string&>();
    text += (text.empty() ? "" : " ") + flag + (word.empty() ? std::string() : "=" + word);
  }
  return text.empty() ? flag : text;
}

// The configuration's sources: command line (or the unit's ExecStart when no
// dockerd runs), daemon.json and dockerd's default.
void configured_sources(std::vector<SettingSource>& out, const json& config, const std::string& option) {
  const auto options = util::get_or(config, "options", json::object());
  const auto entry = options.is_object() ? util::get_or(options, option, json::object()) : json::object();
  const auto decided = entry.is_object() ? util::get_or(entry, "source", std::string()) : std::string();
  const auto value = entry.is_object() ? util::get_or(entry, "value", json()) : json();
  const auto flags = util::get_or(config, "flags", json::object());
  const auto flag = flag_name(option);
  if (flags.is_object() && flags.contains(flag)) {
    const bool unit = decided == "unit";
    const auto text = flag_text(flag, flags.at(flag));
    out.push_back({unit ? "unit" : "flag", unit ? "docker.service ExecStart: " + text : text,
                   decided == "flag" || unit ? value : json(text), false, false, false, {}});
  }
  const auto file = util::get_or(config, "file", json::object());
  const auto config_file = util::get_or(config, "config_file", json::object());
  if (file.is_object() && file.contains(option)) {
    const auto path = config_file.is_object() ? util::get_or(config_file, "path", std::string("daemon.json")) : "daemon.json";
    SettingSource source{"file", path, file.at(option), false, false, false, {}};
    source.changed_after_start = util::get_or(config, "file_newer_than_daemon", false);
    const auto conflicts = util::get_or(config, "conflicts", json::array());
    if (conflicts.is_array() && std::ranges::find(conflicts, json(option)) != conflicts.end()) {
      source.note = "also set as a flag: dockerd refuses to start while an option is set in both, so its next start fails";
    }
    out.push_back(std::move(source));
  }
  const auto defaults = util::get_or(config, "defaults", json::object());
  if (defaults.is_object() && defaults.contains(option)) {
    out.push_back({"default", "dockerd's built-in default", defaults.at(option), false, false, false, {}});
  } else if (decided == "default" || decided.empty()) {
    out.push_back({"default", "dockerd's built-in default", decided.empty() ? json() : value, false, false, false,
                   decided.empty() ? "set nowhere" : ""});
  }
}

/// Two values name the same setting: equal, or a boolean and its text ("true").
bool same_value(const json& a, const json& b) {
  if (a == b) return true;
  const auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  return (a.is_boolean() || b.is_boolean() || a.is_number() || b.is_number()) && text(a) == text(b);
}

// The first live value the engine reports decides; else the configuration's own source.
void decide(model::Setting& setting, const std::string& configured) {
  auto decider = std::ranges::find_if(setting.sources, [](const SettingSource& s) { return s.source == "engine" && !s.value.is_null(); });
  if (decider == setting.sources.end()) {
    decider = std::ranges::find(setting.sources, configured.empty() ? std::string("default") : configured, &SettingSource::source);
  }
  if (decider == setting.sources.end()) return;
  decider->decides = true;
  setting.decided_by = decider->source;
  setting.value = decider->value;
  for (auto& source : setting.sources) {
    if (source.decides || source.value.is_null() || (source.source == "default" && source.note.empty() && configured != "default")) continue;
    source.disagrees = !same_value(source.value, setting.value);
    setting.conflict = setting.conflict || source.disagrees;
  }
}

}  // namespace

std::vector<std::string> options_read(const model::Test& test) {
  std::vector<std::string> options;
  std::vector<const model::Test*> pending{&test};
  while (!pending.empty()) {
    const auto* node = pending.back();
    pending.pop_back();
    // Children in reverse, so they come off the stack in the order written.
    for (auto child = node->children.rbegin(); child != node->children.rend(); ++child) pending.push_back(&*child);
    if (node->kind != model::Test::Kind::predicate) continue;
    const auto option = option_of(node->predicate);
    if (!option.empty() && std::ranges::find(options, option) == options.end()) options.push_back(option);
  }
  return options;
}

std::optional<model::Setting> setting_of(const model::Check& check, const EvalContext& context, const Slots& decided) {
  if (!check.test || !check.for_each.empty()) return std::nullopt;
  const auto options = options_read(*check.test);
  if (options.empty()) return std::nullopt;
  const auto* option = decided.find(Slot::option);
  const bool named = option != nullptr && std::ranges::find(options, *option) != options.end();
  model::Setting setting;
  setting.option = named ? *option : options.front();
  for (const auto* predicate : live_reads(*check.test, setting.option)) setting.sources.push_back(engine_source(*predicate, context));
  const auto* config = context.facts.find(model::facts::daemon_config);
  std::string configured;
  if (config != nullptr && *config && (*config)->is_object()) {
    configured_sources(setting.sources, **config, setting.option);
    const json::json_pointer at("/options/" + setting.option + "/source");
    if ((*config)->contains(at) && (*config)->at(at).is_string()) configured = (*config)->at(at).get<std::string>();
    const bool file_sets = std::ranges::any_of(setting.sources, [](const SettingSource& s) { return s.source == "file"; });
    setting.file_changed_after_start = file_sets && util::get_or(**config, "file_newer_than_daemon", false);
  } else {
    setting.note = "dockerd's configuration could not be read: " +
                   (config == nullptr ? std::string("not collected") : (*config ? std::string("not an object") : config->error().reason));
  }
  decide(setting, configured);
  const auto conflicts = config != nullptr && *config ? util::get_or(**config, "conflicts", json::array()) : json::array();
  if (conflicts.is_array() && std::ranges::find(conflicts, json(setting.option)) != conflicts.end()) setting.conflict = true;
  return setting;
}

}  // namespace dockcis::engine
