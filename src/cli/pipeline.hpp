// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <set>
#include <string>

#include "cli/options.hpp"
#include "engine/loader.hpp"
#include "engine/select.hpp"
#include "model/fact_store.hpp"
#include "model/report.hpp"

namespace dockcis::cli {

/// A failure with the exit code it maps to.
struct Failure {
  ExitCode code;
  std::string message;
};

/// Loads and validates every check and profile; all diagnostics in one message.
std::expected<engine::Catalogue, Failure> load_catalogue(const Options& options);

/// The selection the options describe.
engine::Selection selection_of(const Options& options);

/// The facts every selected check of every profile needs.
std::set<std::string> plan_for(const engine::Catalogue& catalogue, const engine::Selection& selection);

/// Collects the planned facts from this host (or --root), once.
std::expected<model::FactStore, Failure> collect_facts(const Options& options, const std::set<std::string>& planned);

/// Reads a snapshot written by `dockcis facts`.
std::expected<model::FactStore, Failure> read_snapshot(const std::string& path);

/// Evaluates and scores the chosen profile against the facts.
std::expected<model::Report, Failure> evaluate(const Options& options, const engine::Catalogue& catalogue,
                                               const model::FactStore& facts);

}  // namespace dockcis::cli
