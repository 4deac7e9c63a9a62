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

using Kinds = PlannedKinds;

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
  collector(FactRequest{kind, kinds.at(name), Dependencies(store, kind), sources, &kinds}, store);
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

// The engine kinds the host lanes may wait for: the first two requests, small documents.
bool answered_first(std::string_view name) { return name == model::facts::engine_version || name == model::facts::engine_info; }

// The slowest host kind, with no dependency: it walks the kernel's socket
// tables and every process's descriptors, so it gets a thread of its own.
bool reads_alone(std::string_view name) { return name == model::facts::host_listeners; }

// How one collection with the engine is split: the engine's requests on the
// calling thread; host kinds that need no per-instance engine document on two
// threads beside them from the start (each kind that reads /version or /info
// waits for them); the host kinds that read engine documents on the calling
// thread once the engine's are read.
struct Lanes {
  std::vector<std::string_view> first_engine;  ///< /version and /info, if planned
  std::vector<std::string_view> engine;        ///< the other engine kinds
  std::vector<std::string_view> host_beside;   ///< read beside the engine requests
  std::vector<std::string_view> host_alone;    ///< read beside them on a thread of their own
  std::vector<std::string_view> host_after;    ///< need what the engine kinds above return
};

bool in(const std::vector<std::string_view>& lane, std::string_view name) { return std::ranges::find(lane, name) != lane.end(); }

Lanes split_lanes(const std::vector<std::string_view>& order) {
  Lanes lanes;
  for (const auto name : order) {
    if (from_engine(name)) {
      (answered_first(name) ? lanes.first_engine : lanes.engine).push_back(name);
      continue;
    }
    // A kind's dependencies come before it in `order`: each is placed already.
    const auto& depends = model::find_fact_kind(name)->depends;
    const bool beside = std::ranges::all_of(depends, [&](std::string_view dependency) {
      return answered_first(dependency) || in(lanes.host_beside, dependency) || !in(order, dependency);
    });
    const bool alone = reads_alone(name) && std::ranges::none_of(depends, [&](std::string_view dependency) { return in(order, dependency); });
    (alone ? lanes.host_alone : beside ? lanes.host_beside : lanes.host_after).push_back(name);
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

// Negotiates the API version and reads /version (and /info with it, when planned).
std::expected<void, CollectError> open_engine(const Kinds& kinds, Sources& sources, model::FactStore& store) {
  if (auto opened = sources.engine->open(kinds.contains(model::facts::engine_info)); !opened) {
    const auto reason = unavailable(opened.error());
    return std::unexpected(CollectError{reason.kind, reason.reason});
  }
  const auto& version = sources.engine->api_version();
  store.meta["api_version"] = version.empty() ? json(nullptr) : json(version);
  store.meta["docker_socket"] = sources.socket_path;
  return {};
}

// The engine kinds on this thread, the host kinds beside them on two others,
// started before this thread asks the engine anything (an early open of the
// session may already be waiting for /version and /info).
std::expected<void, CollectError> collect_in_lanes(const Kinds& kinds, const Lanes& lanes, Sources& sources,
                                                   model::FactStore& store, const ProgressFn& progress) {
  model::FactStore beside;      // written by the host lane only, until it is joined
  model::FactStore alone;       // written by the lone host lane only, until it is joined
  model::FactStore first_copy;  // /version and /info for the host lane, handed over by `first_ready`
  std::promise<void> first_ready;
  // One line for every lane: each lane's own would overwrite the others'.
  if (progress) {
    progress("reading the Docker engine at " + sources.socket_path + " and the daemon configuration and host files under " +
             (sources.root != nullptr ? sources.root->root().string() : std::string("/")));
  }
  // A lane with no kind gets no thread. The lone lane waits for nothing, so
  // it starts first: should the host lane's thread not start, nothing waits
  // for a promise no one will keep.
  std::future<void> lone_lane;
  if (!lanes.host_alone.empty()) {
    lone_lane = std::async(std::launch::async, [&] { run_collectors(kinds, lanes.host_alone, sources, alone, {}); });
  }
  std::future<void> host_lane;
  if (!lanes.host_beside.empty()) {
    host_lane = std::async(std::launch::async, [&, first_answered = first_ready.get_future()] {
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
  }
  {
    OpenOnExit handing_over{first_ready};
    if (auto opened = open_engine(kinds, sources, store); !opened) return opened;  // the futures wait for the host lanes
    run_collectors(kinds, lanes.first_engine, sources, store, {});
    for (const auto name : lanes.first_engine) {
      if (const auto* fact = store.find(name)) first_copy.put_back(name, *fact);
    }
    handing_over.open();
    run_collectors(kinds, lanes.engine, sources, store, {});
  }
  // The host kinds that read engine documents start while the host lanes may
  // still run, unless they read what those lanes collect.
  bool joined = false;
  const auto join = [&] {
    if (std::exchange(joined, true)) return;
    if (host_lane.valid()) host_lane.get();
    if (lone_lane.valid()) lone_lane.get();
    store.merge(std::move(beside));
    store.merge(std::move(alone));
  };
  for (const auto name : lanes.host_after) {
    const auto& depends = model::find_fact_kind(name)->depends;
    if (std::ranges::any_of(depends, [&](std::string_view dependency) {
          return in(lanes.host_beside, dependency) || in(lanes.host_alone, dependency);
        })) {
      join();
    }
    run_kind(name, kinds, sources, store);
  }
  join();
  return {};
}

}  // namespace

std::expected<void, CollectError> collect_facts(const std::set<std::string>& planned, Sources& sources,
                                                model::FactStore& store, const ProgressFn& progress) {
  const auto kinds = by_kind(planned);
  const bool reads_engine = std::ranges::any_of(kinds, [](const auto& entry) {
    return model::find_fact_kind(entry.first)->source == model::FactSource::engine_api;
  });
  const auto order = ordered(kinds);
  if (!reads_engine || sources.engine == nullptr) {
    run_collectors(kinds, order, sources, store, progress);
    return {};
  }
  const auto lanes = split_lanes(order);
  if (!lanes.host_beside.empty() || !lanes.host_alone.empty()) return collect_in_lanes(kinds, lanes, sources, store, progress);
  // No host kind to read beside the engine: one thread.
  if (progress) progress("reading the Docker engine at " + sources.socket_path);
  if (auto opened = open_engine(kinds, sources, store); !opened) return opened;
  run_collectors(kinds, order, sources, store, progress);
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
