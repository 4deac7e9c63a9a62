// SPDX-License-Identifier: Apache-2.0
#include "cli/watch_collector.hpp"

#include <algorithm>
#include <chrono>

#include "collect/collectors.hpp"
#include "collect/docker/engine_collectors.hpp"
#include "collect/docker/object_id.hpp"
#include "collect/host/processes.hpp"
#include "config.h"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "util/json_access.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

collect::DockerApi::Options api_options(const CollectionOptions& options, const std::string& socket_path, int interrupt_fd) {
  collect::DockerApi::Options api;
  api.socket_path = socket_path;
  api.timeout_ms = options.timeout_ms;
  api.interrupt_fd = interrupt_fd;
  return api;
}

// {"id":["<id>",...]}, URL-encoded: the list entries of these containers.
std::string list_path(const std::vector<std::string>& ids) {
  std::string path = "/containers/json?all=1&filters=%7B%22id%22%3A%5B";
  for (std::size_t i = 0; i < ids.size(); ++i) path += (i == 0 ? "%22" : "%2C%22") + ids[i] + "%22";
  return path + "%5D%7D";
}

bool plain_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 &&
         id.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

}  // namespace

WatchCollector::WatchCollector(const CollectionOptions& options, std::string socket_path, int interrupt_fd)
    : socket_path_(std::move(socket_path)),
      root_(options.root),
      api_(api_options(options, socket_path_, interrupt_fd)),
      session_(api_),
      self_id_(collect::detect_self_container_id()),
      deadline_(options.deadline_seconds) {}

std::expected<void, collect::ApiError> WatchCollector::open() { return session_.open(); }

bool WatchCollector::readable_id(const std::string& id) const { return plain_id(id) && (self_id_.empty() || !id.starts_with(self_id_)); }

collect::Sources WatchCollector::make_sources() {
  collect::Sources sources;
  sources.root = &root_;
  sources.engine = &session_;
  sources.socket_path = socket_path_;
  sources.self_container_id = self_id_;
  sources.fields = &fields_;
  return sources;
}

std::expected<model::FactStore, collect::CollectError> WatchCollector::collect_all(const std::set<std::string>& planned) {
  auto sources = make_sources();
  model::FactStore store;
  api_.start_audit();
  const auto started = std::chrono::system_clock::now();
  const auto deadline = std::chrono::steady_clock::now() + deadline_;
  sources.deadline = deadline;
  api_.set_deadline(deadline);
  auto collected = collect::collect_facts(planned, sources, store);
  // Between full audits single containers are read, each within --timeout.
  api_.set_deadline(std::nullopt);
  if (!collected) return std::unexpected(collected.error());
  store.meta["tool"] = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  store.meta["collected_at"] = util::rfc3339(started);
  store.meta["root"] = root_.root().string();
  store.meta["docker_socket"] = socket_path_;
  return store;
}

std::expected<std::vector<std::optional<ContainerFacts>>, std::string> WatchCollector::read_containers(
    const std::vector<std::string>& ids, const std::set<std::string>& planned, const model::FactStore& known) {
  std::vector<std::optional<ContainerFacts>> read(ids.size());
  // Ids come from the event stream (the caller reads each once): only hex goes into a URL.
  std::vector<std::size_t> wanted;  // index in ids
  std::vector<std::string> wanted_ids;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!readable_id(ids[i])) continue;
    wanted.push_back(i);
    wanted_ids.push_back(ids[i]);
  }
  if (wanted.empty()) return read;
  api_.start_audit();
  // The list entries and the inspects side by side: one round trip, not two.
  std::vector<std::string> paths{list_path(wanted_ids)};
  for (const auto& id : wanted_ids) paths.push_back("/containers/" + id + "/json");
  auto answers = api_.get_many(paths);
  auto& listed = answers.front();
  if (!listed) return std::unexpected(listed.error().message);
  if (!listed->is_array()) return std::unexpected("GET " + paths.front() + ": malformed answer: not a list");
  std::vector<std::size_t> found;  // index in ids of each container listed
  std::vector<model::Fact> inspects;
  // Cut and sorted as a full collection keeps them, so a container read again is judged on the same document.
  const auto fields_of = [&](std::string_view kind) {
    const auto found_fields = fields_.find(kind);
    return found_fields == fields_.end() ? nullptr : &found_fields->second;
  };
  const auto* entry_fields = fields_of(model::facts::engine_containers);
  const auto* inspect_fields = fields_of(model::facts::container_inspect);
  for (std::size_t n = 0; n < wanted.size(); ++n) {
    const auto i = wanted[n];
    for (auto& entry : *listed) {
      if (!entry.is_object() || util::get_or(entry, "Id", std::string()) != ids[i]) continue;
      auto& inspect = answers[n + 1];
      // Listed, then removed before its inspect: gone all the same.
      if (!inspect && inspect.error().http_status == 404) break;
      collect::shape_container(entry, entry_fields);
      read[i] = ContainerFacts{std::move(entry), {}};
      found.push_back(i);
      if (inspect && !inspect->is_object()) {
        inspects.emplace_back(std::unexpected(model::Unavailable{"GET " + paths[n + 1] + ": malformed answer: not a JSON object",
                                                                 model::ErrorKind::malformed_answer}));
      } else {
        if (inspect) collect::shape_container(*inspect, inspect_fields);
        // Another container's document would judge this one on its settings.
        auto foreign = inspect ? collect::foreign_inspect("container", ids[i], *inspect) : std::nullopt;
        inspects.push_back(foreign ? model::Fact(std::unexpected(std::move(*foreign))) : collect::as_fact(std::move(inspect)));
      }
      break;
    }
  }
  std::set<std::string_view> kinds;
  for (const auto& fact : planned) {
    const auto* kind = model::find_fact_kind(fact);
    if (kind != nullptr && kind->instance_of == "container" && kind->name != model::facts::container_inspect) kinds.insert(kind->name);
  }
  for (std::size_t n = 0; n < found.size(); ++n) {
    const auto i = found[n];
    auto& facts = read[i]->facts;
    facts.set(model::instance_key(model::facts::container_inspect, ids[i]), std::move(inspects[n]));
    // The per-container collectors run over a list holding only this container.
    facts.set(model::facts::engine_containers, model::json::array({read[i]->entry}));
    derive(kinds, facts, known);
  }
  return read;
}

model::FactStore WatchCollector::derive_from_containers(const std::set<std::string>& planned, const model::FactStore& known) {
  std::set<std::string_view> kinds;
  for (const auto& fact : planned) {
    const auto* kind = model::find_fact_kind(fact);
    if (kind != nullptr && kind->instance_of.empty() &&
        std::ranges::find(kind->depends, model::facts::engine_containers) != kind->depends.end()) {
      kinds.insert(kind->name);
    }
  }
  model::FactStore derived;
  derive(kinds, derived, known);
  return derived;
}

void WatchCollector::derive(const std::set<std::string_view>& kinds, model::FactStore& store, const model::FactStore& known) {
  auto sources = make_sources();
  for (const auto name : model::collection_order(kinds)) {
    const auto& kind = *model::find_fact_kind(name);
    collect::collector_for(kind.name)(collect::FactRequest{kind, {}, collect::Dependencies(store, kind, &known), sources}, store);
  }
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
  api_.start_audit();
  if (!networks.empty()) (void)collect::collect_facts(networks, sources, store);
  return store;
}

}  // namespace dockcis::cli
