// SPDX-License-Identifier: Apache-2.0
// daemon.json and dockerd's command line merged into the effective options
// (the daemon.config fact). Input: daemon.json, then (after a "%%" line)
// /proc/<pid>/cmdline (NUL-separated words), then an environment file
// (/etc/default/docker) whose DOCKER_OPTS is split into words as the unit's
// ExecStart would be.
#include <cstddef>
#include <cstdint>

#include "collect/host/daemon_config.hpp"
#include "collect/host/dockerd_args.hpp"
#include "collect/host/proc.hpp"
#include "fuzz_input.hpp"
#include "util/json_parse.hpp"

using namespace dockcis;
using model::json;

namespace {

// As daemon_config_fact reads daemon.json (bytes that are not UTF-8 become
// U+FFFD): only a JSON object is a configuration.
json file_options_of(std::string_view text) {
  auto document = util::parse_json(text);
  return document && document->is_object() ? std::move(*document) : json::object();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::sections(data, size, 3);
  const auto file_options = file_options_of(parts[0]);
  std::vector<std::string> argv;
  if (parts.size() > 1) argv = collect::split_nul(std::string(parts[1]));
  if (parts.size() > 2) {
    for (const auto& [name, value] : collect::parse_environment_file(parts[2])) {
      for (auto& word : collect::shell_words(value)) argv.push_back(std::move(word));
    }
  }
  const json process{{"pid", 1234},         {"uid", size % 3 == 0 ? 1000 : 0}, {"exe", "/usr/bin/dockerd"},
                     {"cmdline", argv},     {"start_time", 1700000000},        {"environment", json::object()}};
  const json config_file{{"path", "/etc/docker/daemon.json"}, {"source", "default"}, {"exists", true}, {"mtime", 1700000001}};
  const auto merged = collect::merge_daemon_config(process, config_file, file_options);
  (void)merged.dump(-1, ' ', false, json::error_handler_t::replace);
  return 0;
}
