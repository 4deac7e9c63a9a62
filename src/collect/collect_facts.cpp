// SPDX-License-Identifier: Apache-2.0
#include "collect/collect_facts.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "collect/collectors.hpp"
#include "collect/deadline.hpp"
#include "collect/docker/engine_session.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

// The planned keys grouped by kind: arguments of argument kinds, nothing for the others.
std::map<std::string_view, std::vector<std::string>> by_kind(const std::set<std::string>& planned) {
  std::map<std::string_view, std::vector<std::string>> kinds;
  for (const auto& fact : planned) {
    const auto* kind = model::find_fact_kind(fact);
    if (kind == nullptr) continue;
    auto& arguments = kinds[kind->name];
    if (kind->argument != model::FactArgument::none && fact.size() > kind->name.size() + 1) {
      arguments.push_back(fact.substr(kind->name.size() + 1));
    }
  }
  return kinds;
}

// Every fact of a kind not started before the deadline is timed out: host-wide
// ones, one per argument, and one per listed instance (a container's processes).
void store_timed_out(const model::FactKind& kind, const std::vector<std::string>& arguments, model::FactStore& store) {
  const auto reason = deadline_passed();
  if (!kind.instance_of.empty()) {
    const auto collections = model::collections();
    const auto collection = std::ranges::find(collections, kind.instance_of, &model::Collection::instance);
    const auto* list = collection != collections.end() ? store.find(collection->list_fact) : nullptr;
    if (list == nullptr || !*list || !(*list)->is_array()) return;  // the checks say why there is no list
    for (const auto& entry : **list) {
      store.set(model::instance_key(kind.name, util::get_or(entry, "Id", std::string())), std::unexpected(reason));
    }
    return;
  }
  if (kind.argument == model::FactArgument::none) return store.set(std::string(kind.name), std::unexpected(reason));
  for (const auto& argument : arguments) store.set(std::string(kind.name) + ":" + argument, std::unexpected(reason));
}

void run_collectors(const std::map<std::string_view, std::vector<std::string>>& kinds, Sources& sources,
                    model::FactStore& store, const ProgressFn& progress) {
  std::set<std::string_view> names;
  for (const auto& [name, arguments] : kinds) names.insert(name);
  std::optional<model::FactSource> current;
  for (const auto name : model::collection_order(names)) {
    const auto& kind = *model::find_fact_kind(name);
    if (kind.source == model::FactSource::engine_api && sources.engine == nullptr) continue;
    const auto collector = collector_for(name);
    if (collector == nullptr) {
      store.set(std::string(name), std::unexpected(model::Unavailable{"no collector for " + std::string(name), model::ErrorKind::other}));
      continue;
    }
    if (progress && current != kind.source) {
      progress(kind.source == model::FactSource::engine_api ? "reading the Docker engine at " + sources.socket_path
                                                            : "reading the daemon configuration and host files under " +
                                                                  sources.root->root().string());
    }
    current = kind.source;
    // Past the deadline, host kinds are not read; Engine API requests fail fast in DockerApi.
    if (kind.source == model::FactSource::host && past_deadline(sources)) {
      store_timed_out(kind, kinds.at(name), store);
      continue;
    }
    collector(FactRequest{kind, kinds.at(name), Dependencies(store, kind), sources}, store);
  }
}

}  // namespace

std::expected<void, CollectError> collect_facts(const std::set<std::string>& planned, Sources& sources,
                                                model::FactStore& store, const ProgressFn& progress) {
  const auto kinds = by_kind(planned);
  const bool reads_engine = std::ranges::any_of(kinds, [](const auto& entry) {
    return model::find_fact_kind(entry.first)->source == model::FactSource::engine_api;
  });
  if (reads_engine && sources.engine != nullptr) {
    if (progress) progress("reading the Docker engine at " + sources.socket_path);
    if (auto opened = sources.engine->open(); !opened) {
      const auto reason = unavailable(opened.error());
      return std::unexpected(CollectError{reason.kind, reason.reason});
    }
    const auto& version = sources.engine->api_version();
    store.meta["api_version"] = version.empty() ? json(nullptr) : json(version);
    store.meta["docker_socket"] = sources.socket_path;
  }
  run_collectors(kinds, sources, store, progress);
  return {};
}

void collect_host_facts(const HostRoot& root, const std::set<std::string>& wanted, model::FactStore& store) {
  std::set<std::string> host;
  for (const auto& fact : model::with_dependencies(wanted)) {
    const auto* kind = model::find_fact_kind(fact);
    if (kind != nullptr && kind->source == model::FactSource::host) host.insert(fact);
  }
  Sources sources;
  sources.root = &root;
  sources.socket_path = util::get_or(store.meta, "docker_socket", std::string());
  run_collectors(by_kind(host), sources, store, {});
}

}  // namespace dockcis::collect
