// SPDX-License-Identifier: Apache-2.0
#include "collect/collect_facts.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "collect/collectors.hpp"
#include "collect/deadline.hpp"
#include "collect/docker/engine_session.hpp"
#include "model/fact_names.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

using model::json;

using Kinds = std::map<std::string_view, std::vector<std::string>>;

// The planned keys grouped by kind: arguments of argument kinds, nothing for the others.
Kinds by_kind(const std::set<std::string>& planned) {
  Kinds kinds;
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

std::vector<std::string_view> ordered(const Kinds& kinds) {
  std::set<std::string_view> names;
  for (const auto& [name, arguments] : kinds) names.insert(name);
  return model::collection_order(names);
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

// Collects one kind into `store`, its dependencies read from `store`.
void run_kind(std::string_view name, const Kinds& kinds, Sources& sources, model::FactStore& store) {
  const auto& kind = *model::find_fact_kind(name);
  const auto collector = collector_for(name);
  if (collector == nullptr) {
    store.set(std::string(name), std::unexpected(model::Unavailable{"no collector for " + std::string(name), model::ErrorKind::other}));
    return;
  }
  // Past the deadline, host kinds are not read; Engine API requests fail fast in DockerApi.
  if (kind.source == model::FactSource::host && past_deadline(sources)) return store_timed_out(kind, kinds.at(name), store);
  collector(FactRequest{kind, kinds.at(name), Dependencies(store, kind), sources}, store);
}

void run_collectors(const Kinds& kinds, const std::vector<std::string_view>& order, Sources& sources, model::FactStore& store,
                    const ProgressFn& progress) {
  std::optional<model::FactSource> current;
  for (const auto name : order) {
    const auto& kind = *model::find_fact_kind(name);
    if (kind.source == model::FactSource::engine_api && sources.engine == nullptr) continue;
    if (progress && current != kind.source) {
      progress(kind.source == model::FactSource::engine_api ? "reading the Docker engine at " + sources.socket_path
                                                            : "reading the daemon configuration and host files under " +
                                                                  sources.root->root().string());
    }
    current = kind.source;
    run_kind(name, kinds, sources, store);
  }
}

bool from_engine(std::string_view name) { return model::find_fact_kind(name)->source == model::FactSource::engine_api; }

// The engine kinds the host lane may wait for: the first two requests, small documents.
bool answered_first(std::string_view name) { return name == model::facts::engine_version || name == model::facts::engine_info; }

// How one collection with the engine is split: host kinds that need no
// per-instance engine document are read on a second thread while the engine
// answers (each waits for /version and /info if it reads them); the other
// host kinds come after the engine's.
struct Lanes {
  std::vector<std::string_view> first_engine;  ///< /version and /info, if planned
  std::vector<std::string_view> host_beside;   ///< read beside the engine requests
  std::vector<std::string_view> engine;        ///< the other engine kinds
  std::vector<std::string_view> host_after;    ///< need what the engine kinds above return
};

Lanes split_lanes(const std::vector<std::string_view>& order) {
  Lanes lanes;
  for (const auto name : order) {
    if (from_engine(name)) {
      (answered_first(name) ? lanes.first_engine : lanes.engine).push_back(name);
      continue;
    }
    // A kind's dependencies come before it in `order`: each is placed already.
    const bool beside = std::ranges::all_of(model::find_fact_kind(name)->depends, [&](std::string_view dependency) {
      return answered_first(dependency) || std::ranges::find(lanes.host_beside, dependency) != lanes.host_beside.end() ||
             std::ranges::find(order, dependency) == order.end();
    });
    (beside ? lanes.host_beside : lanes.host_after).push_back(name);
  }
  return lanes;
}

// Opens `ready` when it goes out of scope, whatever the path: the host lane
// must never wait forever for facts an early return will not give it.
struct OpenOnExit {
  std::promise<void>& ready;
  bool opened = false;
  void open() {
    if (!std::exchange(opened, true)) ready.set_value();
  }
  ~OpenOnExit() { open(); }
};

// The engine kinds on this thread, the host kinds beside them on another.
void collect_in_lanes(const Kinds& kinds, const Lanes& lanes, Sources& sources, model::FactStore& store,
                      const ProgressFn& progress) {
  model::FactStore beside;     // written by the host lane only, until it is joined
  model::FactStore first_copy;  // /version and /info for the host lane, handed over by `first_ready`
  std::promise<void> first_ready;
  auto host_lane = std::async(std::launch::async, [&, first_answered = first_ready.get_future()] {
    bool copied = false;
    for (const auto name : lanes.host_beside) {
      const auto& depends = model::find_fact_kind(name)->depends;
      if (!copied && std::ranges::any_of(depends, answered_first)) {
        first_answered.wait();
        beside.merge(std::move(first_copy));
        copied = true;
      }
      run_kind(name, kinds, sources, beside);
    }
  });
  // One line for both lanes: each lane's own would overwrite the other's.
  if (progress) {
    progress("reading the Docker engine at " + sources.socket_path + " and the daemon configuration and host files under " +
             (sources.root != nullptr ? sources.root->root().string() : std::string("/")));
  }
  {
    OpenOnExit handing_over{first_ready};
    run_collectors(kinds, lanes.first_engine, sources, store, {});
    for (const auto name : lanes.first_engine) {
      if (const auto* fact = store.find(name)) first_copy.put_back(name, *fact);
    }
    handing_over.open();
    run_collectors(kinds, lanes.engine, sources, store, {});
  }
  host_lane.get();
  store.merge(std::move(beside));
  run_collectors(kinds, lanes.host_after, sources, store, progress);
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
  const auto order = ordered(kinds);
  const auto lanes = split_lanes(order);
  // Without the engine, or without host kinds to read beside it, one thread.
  if (!reads_engine || sources.engine == nullptr || lanes.host_beside.empty()) {
    run_collectors(kinds, order, sources, store, progress);
  } else {
    collect_in_lanes(kinds, lanes, sources, store, progress);
  }
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
  const auto kinds = by_kind(host);
  run_collectors(kinds, ordered(kinds), sources, store, {});
}

}  // namespace dockcis::collect
