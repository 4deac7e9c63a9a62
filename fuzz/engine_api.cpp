// SPDX-License-Identifier: Apache-2.0
// Engine API documents into facts: every Engine API kind collected from an
// in-process fake engine (fake_engine.hpp) that answers with the input's
// documents, then the facts written as a snapshot. The audit of those facts
// is the snapshot target's: a snapshot holds any document under any kind, so
// it reaches every fact this target can make, far faster (with an audit per
// input this target ran 28 inputs a second, without it 200). Input: the bodies
// of /version, /info, /containers/json, a container inspect, /images/json,
// an image inspect, an image history, /networks, a network inspect, /swarm
// and /nodes, separated by "%%" lines; a body may start with "HTTP NNN" on a
// line of its own. An input of even length is collected as an audit collects
// (each document built with only the fields the shipped checks read), an odd
// one whole. The host's data root holds the directories of the seeds' two
// containers: an /info that counts two and names /var/lib/docker has their
// inspects asked beside the container list.
#include <stdlib.h>

#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "collect/collect_facts.hpp"
#include "collect/docker/engine_session.hpp"
#include "collect/host/host_root.hpp"
#include "engine/audit.hpp"
#include "engine/fields_read.hpp"
#include "fake_engine.hpp"
#include "fuzz_input.hpp"
#include "model/fact_names.hpp"

using namespace dockcis;

namespace {

// A host root made once, whose data root holds two container directories.
class DataRoot {
 public:
  DataRoot() {
    char pattern[] = "/tmp/dockcis-fuzz-root-XXXXXX";
    const char* made = mkdtemp(pattern);
    if (made == nullptr) std::abort();  // HostRoot("") would read the machine's own /
    dir_ = made;
    for (const auto* id : {"c1", "c2"}) {
      std::string full;
      for (int i = 0; i < 32; ++i) full += id;
      std::error_code failed;
      std::filesystem::create_directories(dir_ / "var/lib/docker/containers" / full, failed);
      if (failed) std::abort();
    }
    // As dockerd makes it: writable by no one else (whatever the umask), or it is not read.
    std::error_code failed;
    std::filesystem::permissions(dir_ / "var/lib/docker/containers", std::filesystem::perms(0710), failed);
    if (failed) std::abort();
  }
  ~DataRoot() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  DataRoot(const DataRoot&) = delete;
  DataRoot& operator=(const DataRoot&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

std::set<std::string> engine_kinds() {
  namespace facts = model::facts;
  return {std::string(facts::engine_version),    std::string(facts::engine_info),     std::string(facts::engine_containers),
          std::string(facts::container_inspect), std::string(facts::engine_images),   std::string(facts::image_inspect),
          std::string(facts::image_history),     std::string(facts::engine_networks), std::string(facts::network_inspect),
          std::string(facts::engine_bridge),     std::string(facts::engine_swarm),    std::string(facts::engine_usage),
          std::string(facts::container_image_tag)};
}

// The client and its connections live only here, so they are closed before
// the fake engine is asked to be idle.
std::optional<model::FactStore> collect_from(const fuzz::FakeEngine& fake, const collect::HostRoot& root,
                                             const std::set<std::string>& planned, const model::FieldsRead* fields) {
  collect::DockerApi::Options options;
  options.socket_path = fake.socket_path();
  options.timeout_ms = 5000;
  collect::DockerApi api(options);
  collect::EngineSession engine(api);
  collect::Sources sources{.root = &root, .engine = &engine, .socket_path = fake.socket_path()};
  sources.fields = fields;
  model::FactStore store;
  if (!collect::collect_facts(planned, sources, store)) return std::nullopt;
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::FakeEngine fake;
  static const DataRoot data_root;
  static const collect::HostRoot root(data_root.path());
  static const auto planned = engine_kinds();
  static const auto fields = engine::fields_read(fuzz::shipped_catalogue(), engine::selection_of(fuzz::fixed_settings()));
  fake.serve(fuzz::sections(data, size, static_cast<std::size_t>(fuzz::Document::count)));
  const auto store = collect_from(fake, root, planned, size % 2 == 0 ? &fields : nullptr);
  fake.wait_idle();
  if (!store) return 0;
  (void)store->to_json().dump(2, ' ', false, model::json::error_handler_t::replace);
  return 0;
}
