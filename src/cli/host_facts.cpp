// SPDX-License-Identifier: Apache-2.0
#include "cli/host_facts.hpp"

#include <chrono>
#include <cstdlib>

#include "cli/progress.hpp"
#include "collect/collect_facts.hpp"
#include "collect/docker/docker_api.hpp"
#include "collect/docker/engine_session.hpp"
#include "collect/host/processes.hpp"
#include "config.h"
#include "util/input_file.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

// A snapshot of a host with thousands of containers stays well below this.
constexpr std::size_t kMaxSnapshot = 1024UL * 1024 * 1024;

}  // namespace

std::expected<model::FactStore, Failure> collect_host(const CollectionOptions& options, const std::set<std::string>& planned,
                                                      const model::FieldsRead* fields) {
  const auto socket = collect::resolve_socket_path(options.socket, std::getenv("DOCKER_HOST"));
  if (!socket) return std::unexpected(Failure{kUsageError, socket.error()});

  const collect::HostRoot root(options.root);
  collect::DockerApi::Options api_options;
  api_options.socket_path = *socket;
  api_options.timeout_ms = options.timeout_ms;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.deadline_seconds);
  api_options.deadline = deadline;
  collect::DockerApi api(api_options);
  collect::EngineSession engine(api);
  collect::Sources sources;
  sources.root = &root;
  sources.engine = &engine;
  sources.socket_path = *socket;
  sources.self_container_id = collect::detect_self_container_id();
  sources.deadline = deadline;
  sources.fields = fields;
  sources.list_caps = options.list_caps;

  model::FactStore store;
  Progress progress;
  const auto started = std::chrono::system_clock::now();
  const auto collected = collect::collect_facts(planned, sources, store, [&](std::string_view step) { progress.show(step); });
  if (!collected) return std::unexpected(Failure{kCannotRun, "the audit could not run: " + collected.error().message});
  store.meta["tool"] = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  store.meta["collected_at"] = util::rfc3339(started);
  store.meta["root"] = options.root;
  store.meta["docker_socket"] = *socket;
  return store;
}

std::expected<model::FactStore, Failure> read_snapshot(const std::string& path) {
  auto document = util::read_json_file(path, "facts snapshot", kMaxSnapshot);
  if (!document) return std::unexpected(Failure{kUsageError, document.error()});
  auto store = model::FactStore::from_json(std::move(*document));
  if (!store) return std::unexpected(Failure{kUsageError, path + ": " + store.error()});
  return std::move(*store);
}

}  // namespace dockcis::cli
