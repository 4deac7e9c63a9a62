// SPDX-License-Identifier: Apache-2.0
#include "cli/host_facts.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>

#include <sys/eventfd.h>
#include <unistd.h>

#include "cli/progress.hpp"
#include "collect/collect_facts.hpp"
#include "collect/host/host_root.hpp"
#include "collect/host/processes.hpp"
#include "collect/snapshot_lists.hpp"
#include "config.h"
#include "util/input_file.hpp"
#include "util/time.hpp"

namespace dockcis::cli {
namespace {

// A snapshot of the most one audit reads (10,000 containers and 10,000
// images, their whole documents at about 6 KiB each) stays well below this;
// its tree takes about five times its text while it is read, before the
// lists are held to their caps.
constexpr std::size_t kMaxSnapshot = 256UL * 1024 * 1024;

}  // namespace

HostCollection::HostCollection(const CollectionOptions& options)
    : options_(options),
      socket_(collect::resolve_socket_path(options.socket, std::getenv("DOCKER_HOST"))),
      deadline_(std::chrono::steady_clock::now() + std::chrono::seconds(options.deadline_seconds)),
      stop_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!socket_) return;  // collect() says why
  collect::DockerApi::Options api_options;
  api_options.socket_path = *socket_;
  api_options.timeout_ms = options.timeout_ms;
  api_options.deadline = deadline_;
  api_options.interrupt_fd = stop_fd_;
  api_.emplace(api_options);
  engine_.emplace(*api_);
  // Without a way to stop them, the first questions wait for collect().
  if (stop_fd_ >= 0) engine_->open_early();
}

HostCollection::~HostCollection() {
  if (stop_fd_ < 0) return;
  // Answers nobody asked for any more end now, not at their timeout.
  const std::uint64_t one = 1;
  (void)!write(stop_fd_, &one, sizeof one);
  engine_.reset();
  api_.reset();
  close(stop_fd_);
}

std::expected<model::FactStore, Failure> HostCollection::collect(const std::set<std::string>& planned,
                                                                 const model::FieldsRead* fields) {
  if (!socket_) return std::unexpected(Failure{kUsageError, socket_.error()});
  const collect::HostRoot root(options_.root);
  collect::Sources sources;
  sources.root = &root;
  sources.engine = &*engine_;
  sources.socket_path = *socket_;
  sources.self_container_id = collect::detect_self_container_id();
  sources.deadline = deadline_;
  sources.fields = fields;
  sources.list_caps = options_.list_caps;

  model::FactStore store;
  Progress progress;
  const auto started = std::chrono::system_clock::now();
  const auto collected = collect::collect_facts(planned, sources, store, [&](std::string_view step) { progress.show(step); });
  if (!collected) return std::unexpected(Failure{kCannotRun, "the audit could not run: " + collected.error().message});
  store.meta["tool"] = {{"name", "dockcis"}, {"version", DOCKCIS_VERSION}};
  store.meta["collected_at"] = util::rfc3339(started);
  store.meta["root"] = options_.root;
  store.meta["docker_socket"] = *socket_;
  return store;
}

std::expected<model::FactStore, Failure> read_snapshot(const std::string& path, const collect::ListCaps& caps) {
  auto document = util::read_json_file(path, "facts snapshot", kMaxSnapshot);
  if (!document) return std::unexpected(Failure{kUsageError, document.error()});
  auto store = model::FactStore::from_json(std::move(*document), model::FactStore::Text::valid_utf8);
  if (!store) return std::unexpected(Failure{kUsageError, path + ": " + store.error()});
  collect::screen_snapshot_lists(*store, caps);
  return std::move(*store);
}

}  // namespace dockcis::cli
