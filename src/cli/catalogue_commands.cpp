// SPDX-License-Identifier: Apache-2.0
#include "cli/catalogue_commands.hpp"

#include <iostream>
#include <memory>
#include <sstream>

#include "cli/catalogue_files.hpp"
#include "cli/explain_text.hpp"
#include "engine/operators.hpp"
#include "engine/select.hpp"
#include "model/fact_kinds.hpp"

namespace dockcis::cli {
namespace {

struct ListOptions {
  CatalogueOptions catalogue;
  SelectionOptions selection;
  bool facts = false;
  bool operators = false;
};

struct ExplainOptions {
  CatalogueOptions catalogue;
  std::string profile;
  std::string id;
};

const model::Profile& profile_for_listing(const std::string& id, const engine::Catalogue& catalogue) {
  if (const auto* profile = catalogue.find_profile(id)) return *profile;
  return catalogue.profiles.back();
}

std::string padded(std::string text, std::size_t width) {
  text.resize(std::max(text.size(), width), ' ');
  return text;
}

void list_fact_kinds() {
  for (const auto& kind : model::fact_kinds()) std::cout << fact_kind_line(kind) << "\n";
  std::cout << "\nfor_each collections:\n";
  for (const auto& collection : model::collections()) {
    std::cout << "  " << padded(std::string(collection.name), 20) << collection.description << " (walks "
              << collection.list_fact << ")\n";
  }
}

void list_operators() {
  for (const auto& op : engine::operators()) {
    std::cout << padded(std::string(op.name), 26) << padded(std::string(engine::operand_name(op.operand)), 10) << op.describes << "\n";
  }
}

int run_validate(const CatalogueOptions& options) {
  const auto catalogue = load_catalogue(options);
  if (!catalogue) return fail_with(catalogue.error());
  std::size_t recommendations = 0;
  for (const auto& profile : catalogue->profiles) recommendations += profile.recommendations.size();
  std::cout << "ok: " << catalogue->checks.size() << " checks, " << catalogue->profiles.size() << " profiles ("
            << recommendations << " recommendations), " << catalogue->digest << "\n";
  return kCompliant;
}

int run_list(const ListOptions& options) {
  if (options.facts) return list_fact_kinds(), kCompliant;
  if (options.operators) return list_operators(), kCompliant;
  const auto catalogue = load_catalogue(options.catalogue);
  if (!catalogue) return fail_with(catalogue.error());
  if (!options.selection.profile.empty() && catalogue->find_profile(options.selection.profile) == nullptr) {
    return fail_with({kUsageError, "unknown profile '" + options.selection.profile + "'"});
  }
  const auto& profile = profile_for_listing(options.selection.profile, *catalogue);
  const engine::Selection selection{options.selection.level == 0 ? 2 : options.selection.level, options.selection.only,
                                    options.selection.skip};
  std::cout << profile.title << " (" << profile.id << ")\n";
  std::cout << "ID      LEVEL  CIS        DOCKCIS    TITLE\n";
  for (const auto& recommendation : profile.recommendations) {
    if (!engine::is_selected(recommendation, selection)) continue;
    const auto& check = catalogue->checks.at(recommendation.key);
    std::cout << padded(recommendation.id, 8) << padded(recommendation.swarm ? "swarm" : std::to_string(recommendation.level), 7)
              << padded(recommendation.assessment, 11) << padded(check.mode, 11) << recommendation.title << "\n";
  }
  return kCompliant;
}

int run_explain(const ExplainOptions& options) {
  const auto catalogue = load_catalogue(options.catalogue);
  if (!catalogue) return fail_with(catalogue.error());
  const auto& profile = profile_for_listing(options.profile, *catalogue);
  const model::Recommendation* recommendation = nullptr;
  for (const auto& r : profile.recommendations) {
    if (r.id == options.id || r.key == options.id) recommendation = &r;
  }
  if (recommendation == nullptr) return fail_with({kUsageError, "no recommendation or check '" + options.id + "' in " + profile.id});
  std::cout << explain_text(catalogue->checks.at(recommendation->key), *recommendation, profile);
  return kCompliant;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto options = std::make_shared<CatalogueOptions>();
  auto* validate = app.add_subcommand("validate", "Check the check and profile files, collect nothing");
  add_catalogue_options(*validate, *options);
  return {validate, [options] { return run_validate(*options); }};
}

Command add_list_command(CLI::App& app) {
  auto options = std::make_shared<ListOptions>();
  auto* list = app.add_subcommand("list", "List the recommendations of a profile, or the fact kinds and operators checks use");
  add_catalogue_options(*list, options->catalogue);
  add_selection_options(*list, options->selection);
  list->add_flag("--facts", options->facts, "List the kinds of fact a check can read");
  list->add_flag("--operators", options->operators, "List the operators a check can apply");
  return {list, [options] { return run_list(*options); }};
}

Command add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  auto* explain = app.add_subcommand("explain", "Explain one recommendation: what it reads, how it decides, how to fix");
  add_catalogue_options(*explain, options->catalogue);
  explain->add_option("--profile", options->profile, "Profile whose numbering ID uses (default: newest)");
  explain->add_option("id", options->id, "CIS id or check key")->required();
  return {explain, [options] { return run_explain(*options); }};
}

}  // namespace dockcis::cli
