// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

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
};

void add_catalogue_options(CLI::App& command, CatalogueOptions& options);
void add_selection_options(CLI::App& command, SelectionOptions& options);
void add_collection_options(CLI::App& command, CollectionOptions& options);

}  // namespace dockcis::cli
