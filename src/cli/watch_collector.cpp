// SPDX-License-Identifier: Apache-2.0
#include "cli/watch_collector.hpp"

#include <chrono>

#include "collect/collectors.hpp"
#include "collect/host/processes.hpp"
#include "config.h"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "util/json_access.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

collect::DockerApi::Options api_options(const CollectionOptions& options, const std::string& socket_path) {
  collect::DockerApi::Options api;
  api.socket_path = socket_path;
  api.timeout_ms = options.timeout_ms;
  return api;
}

// {"id":["<id>"]}, URL-encoded: the list entry of one container.
std::string list_path(const std::string& id) {
  return "/containers/json?all=1&filters=%7B%22id%22%3A%5B%22" + id + "%22%5D%7D";
}

bool plain_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 &&
         id.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

}  // namespace

WatchCollector::WatchCollector(const CollectionOptions& options, std::string socket_path)
    : socket_path_(std::move(socket_path)),
      root_(options.root),
      api_(api_options(options, socket_path_)),
      session_(api_),
      self_id_(collect::detect_self_container_id()) {}

std::expected<void, collect::ApiError> WatchCollector::open() { return session_.open(); }

collect::Sources WatchCollector::make_sources() {
  collect::Sources sources;
  sources.root = &root_;
  sources.engine = &session_;
  sources.socket_path = socket_path_;
  sources.self_container_id = self_id_;
  return sources;
}

std::expected<model::FactStore, collect::CollectError> WatchCollector::collect_all(const std::set<std::string>& planned) {
  auto sources = make_sources();
  model::FactStore store;
  const auto started = std::chrono::system_clock::now();
  if (auto collected = collect::collect_facts(planned, sources, store); !collected) return std::unexpected(collected.error());
  store.meta["tool"] = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  store.meta["collected_at"] = util::rfc3339(started);
  store.meta["root"] = root_.root().string();
  store.meta["docker_socket"] = socket_path_;
  return store;
}

std::optional<ContainerFacts> WatchCollector::read_container(const std::string& id, bool with_processes) {
  // Ids come from the event stream: only hex goes into a URL.
  if (!plain_id(id) || (!self_id_.empty() && id.starts_with(self_id_))) return std::nullopt;
  auto listed = api_.get(list_path(id));
  if (!listed || !listed->is_array() || listed->size() != 1 || !(*listed)[0].is_object()) return std::nullopt;
  ContainerFacts facts{std::move((*listed)[0]), std::unexpected(model::Unavailable{}), std::nullopt};
  if (util::get_or(facts.entry, "Id", std::string()) != id) return std::nullopt;
  auto inspect = api_.get("/containers/" + id + "/json");
  if (!inspect && inspect.error().http_status == 404) return std::nullopt;
  if (inspect && !inspect->is_object()) {
    facts.inspect = std::unexpected(model::Unavailable{"GET /containers/" + id + "/json: malformed answer: not a JSON object",
                                                       model::ErrorKind::malformed_answer});
  } else {
    facts.inspect = collect::as_fact(std::move(inspect));
  }
  if (!with_processes) return facts;
  if (util::get_or(facts.entry, "State", std::string()) != "running") {
    facts.processes = model::json::array();  // as the collector records a container that is not running
    return facts;
  }
  // The host collector over a store holding only this container.
  model::FactStore one;
  one.set(model::facts::engine_containers, model::json::array({facts.entry}));
  if (facts.inspect) one.set(model::instance_key(model::facts::container_inspect, id), *facts.inspect);
  const auto& kind = *model::find_fact_kind(model::facts::container_processes);
  auto sources = make_sources();
  collect::collector_for(kind.name)(collect::FactRequest{kind, {}, collect::Dependencies(one, kind), sources}, one);
  if (const auto* found = one.find(model::instance_key(kind.name, id))) facts.processes = *found;
  return facts;
}

model::FactStore WatchCollector::read_networks(const std::set<std::string>& planned) {
  std::set<std::string> networks;
  for (const auto& fact : planned) {
    const auto* kind = model::find_fact_kind(fact);
    if (kind != nullptr && (kind->name == model::facts::engine_networks || kind->name == model::facts::network_inspect ||
                            kind->name == model::facts::engine_bridge)) {
      networks.insert(fact);
    }
  }
  auto sources = make_sources();
  model::FactStore store;
  if (!networks.empty()) (void)collect::collect_facts(networks, sources, store);
  return store;
}

}  // namespace dockcis::cli
