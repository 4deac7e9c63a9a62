// SPDX-License-Identifier: Apache-2.0
#include "cli/common_options.hpp"

namespace dockcis::cli {

void add_catalogue_options(CLI::App& command, CatalogueOptions& options) {
  command.add_option("--checks-dir", options.checks_dir, "Directory of check definitions (default: installed data)");
  command.add_option("--profiles-dir", options.profiles_dir, "Directory of benchmark profiles (default: installed data)");
}

void add_selection_options(CLI::App& command, SelectionOptions& options) {
  command.add_option("--profile", options.profile, "Benchmark profile, e.g. cis-docker-1.8.0 (default: by Docker version)");
  command.add_option("--level", options.level, "1: Level 1 only; 2: Level 1 and 2 (default)")->check(CLI::IsMember({1, 2}));
  command.add_option("--only", options.only, "Only these CIS ids, sections or check keys (repeatable, comma lists)")->delimiter(',');
  command.add_option("--skip", options.skip, "Skip these CIS ids, sections or check keys (reported as notselected)")->delimiter(',');
}

// Far above any use, and far below where a time added to the clock (64-bit
// nanoseconds, about 292 years) would overflow.
constexpr long kMostTimeoutMs = 86'400'000;  // a day
constexpr long kMostDeadlineSeconds = 604'800;  // a week

void add_collection_options(CLI::App& command, CollectionOptions& options) {
  command.add_option("--socket", options.socket, "Docker Engine API socket (default: DOCKER_HOST=unix://..., else /var/run/docker.sock)");
  command.add_option("--root", options.root, "Read host files under this directory (e.g. /host in a container)");
  command.add_option("--timeout", options.timeout_ms, "Engine API request timeout in milliseconds (at most a day)")
      ->check(CLI::Range(1L, kMostTimeoutMs));
  command.add_option("--deadline", options.deadline_seconds,
                     "Stop collecting after this many seconds (default 300, at most a week); what was not read by then is an error")
      ->check(CLI::Range(1L, kMostDeadlineSeconds));
}

void add_list_cap_options(CLI::App& command, CollectionOptions& options) {
  const auto cap = [&](const std::string& name, std::size_t& value, const std::string& noun) {
    command.add_option(name, value, "Read at most this many " + noun + " (default " + std::to_string(collect::ListCaps::kDefault) +
                                         "); a longer list is an error for every check that walks it")
        ->check(CLI::PositiveNumber);
  };
  cap("--max-containers", options.list_caps.containers, "containers");
  cap("--max-images", options.list_caps.images, "images");
  cap("--max-networks", options.list_caps.networks, "networks");
}

void add_site_options(CLI::App& command, SiteOptions& options, const std::string& running_only_help) {
  command.add_option("--param", options.params, "Site parameter NAME=VALUE (lists: comma-separated)");
  command.add_option("--tailoring", options.tailoring_file, "Site tailoring file (dockcis.tailoring/v1)");
  command.add_option("--waivers", options.waivers_file,
                     "Waivers file (dockcis.waivers/v1): accepted exceptions with justification and expiry");
  command.add_flag("--allow-permanent-waivers", options.allow_permanent_waivers, "Accept waivers with \"expires\": \"never\"");
  command.add_flag("--running-only", options.running_only, running_only_help);
}

}  // namespace dockcis::cli
