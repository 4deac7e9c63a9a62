// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "collect/list_caps.hpp"

namespace dockcis::cli {

/// A registered subcommand and what running it does once parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// Where the check catalogue is read from.
struct CatalogueOptions {
  std::string checks_dir;
  std::string profiles_dir;
};

/// Which recommendations a command is about.
struct SelectionOptions {
  std::string profile;
  int level = 0;  ///< 0: not given
  std::vector<std::string> only;
  std::vector<std::string> skip;
};

/// Where and how facts are read from the host.
struct CollectionOptions {
  std::string socket;
  std::string root = "/";
  long timeout_ms = 15000;
  /// The whole collection stops after this many seconds (--deadline).
  long deadline_seconds = 300;
  /// The most containers, images and networks read (--max-containers, ...).
  collect::ListCaps list_caps;
};

/// The site's own decisions: parameters, tailoring, waivers, which containers.
struct SiteOptions {
  std::vector<std::string> params;
  std::string tailoring_file;
  std::string waivers_file;
  bool allow_permanent_waivers = false;
  bool running_only = false;
};

void add_catalogue_options(CLI::App& command, CatalogueOptions& options);
void add_selection_options(CLI::App& command, SelectionOptions& options);
void add_collection_options(CLI::App& command, CollectionOptions& options);
/// --max-containers, --max-images, --max-networks: for the commands that read whole lists.
void add_list_cap_options(CLI::App& command, CollectionOptions& options);
/// `running_only_help` says what --running-only means for the command.
void add_site_options(CLI::App& command, SiteOptions& options, const std::string& running_only_help);

}  // namespace dockcis::cli
