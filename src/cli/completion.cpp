// SPDX-License-Identifier: Apache-2.0
#include "cli/completion.hpp"

#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "cli/catalogue_files.hpp"
#include "config.h"
#include "model/state.hpp"
#include "report/render.hpp"
#include "util/strings.hpp"

namespace dockcis::cli {
namespace {

using Words = std::set<std::string>;

// What a value of an option completes to: a word list of the script
// ("$profiles"), or a compgen action ("-f", "-d"); "" completes nothing.
std::string value_kind(const std::string& command, const std::string& option) {
  if (option == "--profile") return "$profiles";
  if (option == "--level") return "$levels";
  if (option == "--only" || option == "--skip" || option == "id") return "$selectors";
  if (option == "--fail-on") return "$fail_on";
  if (option == "--param") return "$params";
  if (command == "diff" && option == "--format") return "$diff_formats";
  if (command == "facts" && option == "--output") return "-f";
  if (option == "--format" || option == "--output") return "$formats";
  if (option == "shell") return "$shells";
  if (option == "--checks-dir" || option == "--profiles-dir" || option == "--root" || option == "--output-dir") return "-d";
  if (option == "--socket" || option == "--facts" || option == "--tailoring" || option == "--waivers" || option == "--config" ||
      option == "old" || option == "new") {
    return "-f";
  }
  return "";
}

std::string quoted_words(const Words& words) {
  std::vector<std::string> list(words.begin(), words.end());
  return "\"" + util::join(list, " ") + "\"";
}

// `compgen -W "$list"` or `compgen -f` for the kind.
std::string reply_for(const std::string& kind) {
  if (kind.empty()) return "COMPREPLY=()";
  if (kind.front() == '$') return "COMPREPLY=($(compgen -W \"" + kind + "\" -- \"$cur\"))";
  return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen " + kind + " -- \"$cur\"))";
}

struct CommandTable {
  Words names;                                ///< every option spelling
  std::map<std::string, std::string> values;  ///< option spelling -> value kind
  std::string positional;                     ///< kind of the positional arguments
};

CommandTable table_of(const CLI::App& command, const std::string& name) {
  CommandTable table;
  for (const CLI::Option* option : command.get_options()) {
    if (option->get_positional()) {
      if (table.positional.empty()) table.positional = value_kind(name, option->get_name(true, false));
      continue;
    }
    const bool takes_value = option->get_items_expected_max() > 0;
    const std::string kind = value_kind(name, option->get_lnames().empty() ? "" : "--" + option->get_lnames().front());
    std::vector<std::string> spellings;
    for (const auto& spelling : option->get_lnames()) spellings.push_back("--" + spelling);
    for (const auto& spelling : option->get_snames()) spellings.push_back("-" + spelling);
    for (const auto& spelling : spellings) {
      table.names.insert(spelling);
      if (takes_value) table.values[spelling] = kind;
    }
  }
  return table;
}

void command_case(std::ostream& out, const std::string& name, const CommandTable& table, const Words& commands) {
  out << "    " << (name.empty() ? "\"\"" : name) << ")\n";
  if (!table.values.empty()) {
    out << "      case $prev in\n";
    for (const auto& [spelling, kind] : table.values) out << "        " << spelling << ") " << reply_for(kind) << "; return ;;\n";
    out << "      esac\n";
  }
  Words words = table.names;
  if (name.empty()) words.insert(commands.begin(), commands.end());
  const std::string options = "COMPREPLY=($(compgen -W " + quoted_words(words) + " -- \"$cur\"))";
  if (table.positional.empty()) {
    out << "      " << options << " ;;\n";
  } else {
    out << "      if [[ $cur == -* ]]; then\n        " << options << "\n      else\n        " << reply_for(table.positional)
        << "\n      fi ;;\n";
  }
}

struct CatalogueWords {
  Words profiles, selectors, params, severities;
};

CatalogueWords catalogue_words(const engine::Catalogue& catalogue) {
  CatalogueWords words;
  for (const auto& profile : catalogue.profiles) {
    words.profiles.insert(profile.id);
    for (const auto& section : profile.sections) words.selectors.insert(section.id);
    for (const auto& recommendation : profile.recommendations) {
      words.selectors.insert(recommendation.id);
      words.selectors.insert(recommendation.key);
    }
    for (const auto& [parameter, spec] : profile.parameters.items()) words.params.insert(parameter + "=");
  }
  for (const auto severity : model::kAllSeverities) words.severities.insert(std::string(model::to_string(severity)));
  return words;
}

void word_lists(std::ostream& out, const CatalogueWords& words) {
  Words fail_on = words.severities;
  for (const auto state : model::kAllStates) {
    if (state != model::State::pass) fail_on.insert(std::string(model::to_string(state)));
  }
  out << "  local profiles=" << quoted_words(words.profiles) << "\n";
  out << "  local selectors=" << quoted_words(words.selectors) << "\n";
  out << "  local params=" << quoted_words(words.params) << "\n";
  out << "  local fail_on=" << quoted_words(fail_on) << "\n";
  out << "  local formats=" << quoted_words(Words(report::kFormatNames.begin(), report::kFormatNames.end())) << "\n";
  out << "  local diff_formats=\"text json\" levels=\"1 2\" shells=\"bash\"\n";
}

}  // namespace

std::string bash_completion(const CLI::App& app, const engine::Catalogue& catalogue) {
  Words commands;
  for (const CLI::App* command : app.get_subcommands({})) commands.insert(command->get_name());
  std::ostringstream out;
  out << "# bash completion for dockcis " DOCKCIS_VERSION ", written by \"dockcis completion bash\"\n"
      << "_dockcis() {\n  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command=\"\" i\n"
      // "--profile=cis" arrives as "--profile" "=" "cis": treat it as "--profile cis".
      << "  if [[ $cur == = ]]; then cur=\"\"; elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n    case ${COMP_WORDS[i]} in\n      "
      << util::join(std::vector<std::string>(commands.begin(), commands.end()), "|") << ") command=${COMP_WORDS[i]}; break ;;\n"
      << "    esac\n  done\n";
  word_lists(out, catalogue_words(catalogue));
  // "--param " completes to "NAME=" and waits for the value.
  out << "  [[ $prev == --param ]] && compopt -o nospace 2>/dev/null\n";
  out << "  case $command in\n";
  command_case(out, "", table_of(app, ""), commands);
  for (const CLI::App* command : app.get_subcommands({})) {
    command_case(out, command->get_name(), table_of(*command, command->get_name()), commands);
  }
  out << "  esac\n}\ncomplete -F _dockcis dockcis\n";
  return out.str();
}

Command add_completion_command(CLI::App& app) {
  struct Options {
    CatalogueOptions catalogue;
    std::string shell;
  };
  auto options = std::make_shared<Options>();
  auto* completion = app.add_subcommand("completion", "Print a shell completion script built from this binary's tables");
  add_catalogue_options(*completion, options->catalogue);
  completion->add_option("shell", options->shell, "Shell: bash")->required()->check(CLI::IsMember({"bash"}));
  return {completion, [&app, options] {
            const auto catalogue = load_catalogue(options->catalogue);
            if (!catalogue) return fail_with(catalogue.error());
            std::cout << bash_completion(app, *catalogue);
            return static_cast<int>(kCompliant);
          }};
}

}  // namespace dockcis::cli
