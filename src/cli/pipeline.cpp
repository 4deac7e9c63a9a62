// SPDX-License-Identifier: Apache-2.0
#include "cli/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "cli/data_dirs.hpp"
#include "cli/progress.hpp"
#include "cli/tailoring.hpp"
#include "collect/docker/docker_api.hpp"
#include "collect/docker/engine_facts.hpp"
#include "collect/host/host_facts.hpp"
#include "collect/host/host_root.hpp"
#include "collect/host/processes.hpp"
#include "config.h"
#include "engine/evaluate.hpp"
#include "engine/plan.hpp"
#include "engine/score.hpp"
#include "engine/waivers.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

using model::json;

std::expected<std::vector<engine::Waiver>, Failure> read_waivers(const Options& options) {
  if (options.waivers_file.empty()) return std::vector<engine::Waiver>{};
  std::ifstream in(options.waivers_file);
  if (!in) return std::unexpected(Failure{kUsageError, "cannot read waivers file " + options.waivers_file});
  json document;
  try {
    document = json::parse(in);
  } catch (const json::exception& error) {
    return std::unexpected(Failure{kUsageError, options.waivers_file + ": invalid JSON: " + error.what()});
  }
  auto waivers = engine::parse_waivers(document, options.waivers_file, options.allow_permanent_waivers);
  if (!waivers) return std::unexpected(Failure{kUsageError, waivers.error()});
  return std::move(*waivers);
}

std::string random_run_id() {
  std::random_device device;
  std::mt19937_64 generator(device());
  std::ostringstream out;
  out << std::hex;
  for (int i = 0; i < 2; ++i) out << generator();
  auto id = out.str();
  id.resize(32, '0');
  return id.substr(0, 8) + "-" + id.substr(8, 4) + "-" + id.substr(12, 4) + "-" + id.substr(16, 4) + "-" + id.substr(20, 12);
}

const json* fact_value(const model::FactStore& facts, std::string_view key) {
  const auto* fact = facts.find(key);
  return fact != nullptr && *fact ? &**fact : nullptr;
}

json host_identity(const model::FactStore& facts) {
  json host = json::object();
  if (const auto* identity = fact_value(facts, "host.identity")) host = *identity;
  if (const auto* version = fact_value(facts, "engine.version")) {
    host["docker_version"] = version->value("Version", "");
    host["api_version"] = facts.meta.value("api_version", version->value("ApiVersion", ""));
  }
  bool rootless = false;
  if (const auto* info = fact_value(facts, "engine.info")) {
    for (const auto& option : info->value("SecurityOptions", json::array())) {
      if (option.is_string() && option.get<std::string>() == "name=rootless") rootless = true;
    }
  }
  host["rootless"] = rootless;
  return host;
}

std::vector<std::string> unavailable_facts(const model::FactStore& facts) {
  std::vector<std::string> errors;
  for (const auto& [key, fact] : facts.all()) {
    if (!fact) errors.push_back(key + ": " + fact.error().reason);
  }
  return errors;
}

json parse_param_value(const std::string& text, const json& current) {
  if (current.is_array()) {
    json list = json::array();
    if (!text.empty()) {
      for (const auto& item : util::split(text, ',')) list.push_back(util::trim(item));
    }
    return list;
  }
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    return text;
  }
}

}  // namespace

std::expected<engine::Catalogue, Failure> load_catalogue(const Options& options) {
  const auto dirs = find_data_dirs(options);
  auto loaded = engine::load_catalogue(dirs.checks, dirs.profiles);
  if (!loaded.diagnostics.empty()) {
    std::string message = std::to_string(loaded.diagnostics.size()) + " problem(s) in the check and profile files:";
    for (const auto& diagnostic : loaded.diagnostics) message += "\n  " + diagnostic.to_string();
    return std::unexpected(Failure{kUsageError, message});
  }
  if (loaded.catalogue.profiles.empty()) {
    return std::unexpected(Failure{kUsageError, "no profiles found in " + dirs.profiles.string()});
  }
  return std::move(loaded.catalogue);
}

engine::Selection selection_of(const Options& options) {
  engine::Selection selection;
  selection.level = options.level == 0 ? 2 : options.level;
  selection.only = options.only;
  selection.skip = options.skip;
  return selection;
}

std::set<std::string> plan_for(const engine::Catalogue& catalogue, const engine::Selection& selection) {
  std::vector<const model::Check*> checks;
  for (const auto& profile : catalogue.profiles) {
    for (const auto& recommendation : profile.recommendations) {
      if (!engine::is_selected(recommendation, selection)) continue;
      const auto found = catalogue.checks.find(recommendation.key);
      if (found != catalogue.checks.end()) checks.push_back(&found->second);
    }
  }
  return engine::plan_facts(checks);
}

std::expected<model::FactStore, Failure> collect_facts(const Options& options, const std::set<std::string>& planned) {
  const char* docker_host = std::getenv("DOCKER_HOST");
  const auto socket = collect::resolve_socket_path(options.socket, docker_host);
  if (!socket) return std::unexpected(Failure{kUsageError, socket.error()});

  const collect::HostRoot root(options.root);
  const auto self = collect::detect_self_container_id();

  collect::DockerApi::Options api_options;
  api_options.socket_path = *socket;
  api_options.timeout_ms = options.timeout_ms;
  collect::DockerApi api(api_options);

  collect::EngineNeeds needs;
  needs.containers = planned.contains("engine.containers");
  needs.container_inspect = planned.contains("container.inspect");
  needs.images = planned.contains("engine.images") || planned.contains("image.inspect") || planned.contains("image.history");
  needs.image_inspect = planned.contains("image.inspect");
  needs.image_history = planned.contains("image.history");
  needs.networks = planned.contains("engine.networks") || planned.contains("network.inspect") || planned.contains("engine.bridge");
  needs.network_inspect = planned.contains("network.inspect") || planned.contains("engine.bridge");
  needs.swarm = planned.contains("engine.swarm");

  model::FactStore store;
  Progress progress;
  progress.show("reading the Docker engine at " + *socket);
  const auto started = std::chrono::system_clock::now();
  if (auto engine = collect::collect_engine_facts(api, needs, self, store); !engine) {
    return std::unexpected(Failure{kCannotRun, "the audit could not run: " + engine.error().message});
  }
  std::set<std::string> host_wanted;
  for (const auto& key : planned) {
    if (!key.starts_with("engine.") && !key.starts_with("image.") && !key.starts_with("network.") &&
        key != "container.inspect") {
      host_wanted.insert(key);
    }
  }
  progress.show("reading the daemon configuration and host files under " + options.root);
  collect::collect_host_facts(root, host_wanted, store);
  store.meta["tool"] = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  store.meta["collected_at"] = util::rfc3339(started);
  store.meta["root"] = options.root;
  store.meta["docker_socket"] = *socket;
  return store;
}

std::expected<model::FactStore, Failure> read_snapshot(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(Failure{kUsageError, "cannot read facts snapshot " + path});
  json document;
  try {
    document = json::parse(in);
  } catch (const json::exception& error) {
    return std::unexpected(Failure{kUsageError, "facts snapshot " + path + " is not valid JSON: " + error.what()});
  }
  auto store = model::FactStore::from_json(document);
  if (!store) return std::unexpected(Failure{kUsageError, path + ": " + store.error()});
  return std::move(*store);
}

std::expected<model::Report, Failure> evaluate(const Options& options, const engine::Catalogue& catalogue,
                                               const model::FactStore& facts) {
  const auto started = std::chrono::system_clock::now();
  auto tailoring = read_tailoring(options.tailoring_file);
  if (!tailoring) return std::unexpected(Failure{kUsageError, tailoring.error()});
  const auto waivers = read_waivers(options);
  if (!waivers) return std::unexpected(waivers.error());

  std::string profile_id = !options.profile.empty() ? options.profile : tailoring->extends;
  const model::Profile* profile = nullptr;
  if (!profile_id.empty()) {
    profile = catalogue.find_profile(profile_id);
    if (profile == nullptr) {
      std::vector<std::string> ids;
      for (const auto& p : catalogue.profiles) ids.push_back(p.id);
      return std::unexpected(Failure{kUsageError, "unknown profile '" + profile_id + "' (available: " + util::join(ids, ", ") + ")"});
    }
  } else {
    std::string docker_version;
    if (const auto* version = fact_value(facts, "engine.version")) docker_version = version->value("Version", "");
    profile = engine::default_profile(catalogue, docker_version);
  }

  auto selection = selection_of(options);
  apply_tailoring_selection(*tailoring, options.level != 0, selection);
  if (const auto unknown = engine::unknown_selectors(*profile, selection); !unknown.empty()) {
    return std::unexpected(Failure{kUsageError, "--only/--skip: no recommendation, section or key '" + util::join(unknown, "', '") +
                                                    "' in " + profile->id});
  }

  json overrides = tailoring->parameters;
  for (const auto& assignment : options.params) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos) return std::unexpected(Failure{kUsageError, "--param expects NAME=VALUE, got '" + assignment + "'"});
    const auto name = assignment.substr(0, equals);
    const auto spec = profile->parameters.find(name);
    const json current = spec == profile->parameters.end() ? json() : spec->at("default");
    overrides[name] = parse_param_value(assignment.substr(equals + 1), current);
  }
  auto parameters = engine::effective_parameters(*profile, overrides);
  if (!parameters) return std::unexpected(Failure{kUsageError, parameters.error()});

  const engine::EvalContext context{facts, *parameters, options.running_only};
  model::Report report;
  for (const auto& recommendation : profile->recommendations) {
    auto check = catalogue.checks.at(recommendation.key);
    apply_tailoring_patch(*tailoring, check);
    report.results.push_back(engine::is_selected(recommendation, selection) ? engine::evaluate_check(check, recommendation, context)
                                                                           : engine::not_selected(check, recommendation));
  }
  report.waivers = engine::apply_waivers(*waivers, facts, util::rfc3339(started).substr(0, 10), report.results);
  std::vector<model::State> before_waivers;
  for (const auto& result : report.results) before_waivers.push_back(result.original_state.value_or(result.state));
  report.summary = engine::score(report.results, before_waivers);
  report.tool = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  report.run_id = random_run_id();
  report.started_at = facts.meta.value("collected_at", util::rfc3339(started));
  report.finished_at = util::rfc3339(std::chrono::system_clock::now());
  report.host = host_identity(facts);
  report.profile_id = profile->id;
  report.profile_title = profile->title;
  report.level = std::to_string(selection.level);
  report.parameters = *parameters;
  report.checks_digest = catalogue.digest;
  for (const auto& section : profile->sections) {
    if (section.id.find('.') == std::string::npos) report.sections.emplace_back(section.id, section.title);
  }
  report.errors = unavailable_facts(facts);
  return report;
}

}  // namespace dockcis::cli
