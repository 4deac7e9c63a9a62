// SPDX-License-Identifier: Apache-2.0
#include "fleet/report_summary.hpp"

#include <cmath>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace dockcis::fleet {
namespace {

constexpr int kMaxCount = 1 << 30;

struct Counted {
  int pass = 0;
  int fail = 0;
  int error = 0;

  void add(const std::string& state) {
    pass += state == "pass";
    fail += state == "fail";
    error += state == "error";
  }
  // As the report writes it: rounded to two decimals, 100 when nothing scored.
  [[nodiscard]] double percent() const {
    const int scored = pass + fail + error;
    return scored == 0 ? 100.0 : std::round(10000.0 * pass / scored) / 100.0;
  }
};

// What the results say, by the rules the report was scored by.
struct Recount {
  Counted total;
  Counted before_waivers;
  std::map<std::string, int> states;
  std::map<std::string, Counted> sections;
  std::map<std::string, Counted> levels;
};

Recount recount(const StoredRun& run) {
  Recount counts;
  for (const auto& result : run.results) {
    ++counts.states[result.state];
    counts.total.add(result.state);
    counts.before_waivers.add(result.original_state.empty() ? result.state : result.original_state);
    if (result.state == "notselected") continue;
    counts.sections[result.section].add(result.state);
    counts.levels[std::to_string(result.level)].add(result.state);
  }
  return counts;
}

int held_count(const Node& node, int counted, const std::string& what) {
  const int claimed = node.integer(0, kMaxCount);
  if (claimed != counted) {
    node.refuse(std::to_string(claimed) + ", but the report's results count " + std::to_string(counted) + " " + what);
  }
  return claimed;
}

std::string hundredths(double value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << value;
  return out.str();
}

double held_score(const Node& node, double counted, const char* what) {
  const double claimed = node.number(0, 100);
  // Both are rounded to hundredths; a writer may round the last one the other way.
  if (std::fabs(claimed - counted) > 0.0100001) {
    node.refuse(hundredths(claimed) + ", but the report's results give " + what + " of " + hundredths(counted));
  }
  return claimed;
}

Counted held_tally(const Node& node, const Counted& counted, const std::string& of) {
  node.require_object();
  return {held_count(node.at("pass"), counted.pass, "passing " + of), held_count(node.at("fail"), counted.fail, "failing " + of),
          held_count(node.at("error"), counted.error, "in error " + of)};
}

void read_tallies(const Node& node, const std::map<std::string, Counted>& counted, const char* scope, StoredRun& run) {
  const auto members = node.members();
  std::set<std::string> listed;
  for (const auto& [name, tally] : members) {
    if (!listed.insert(name).second) tally.refuse(std::string(scope) + " '" + name + "' has two tallies");
    const auto found = counted.find(name);
    if (found == counted.end()) tally.refuse(std::string("no result of the report is in ") + scope + " '" + name + "'");
    const auto held = held_tally(tally, found->second, std::string("in ") + scope + " " + name);
    run.tallies.push_back({scope, name, held.pass, held.fail, held.error});
  }
  for (const auto& [name, tally] : counted) {
    if (!listed.contains(name)) node.refuse(std::string("lists no tally for ") + scope + " '" + name + "', which the report's results are in");
  }
}

}  // namespace

void read_summary(const Node& summary, StoredRun& run) {
  const auto counts = recount(run);
  run.score = held_score(summary.at("score"), counts.total.percent(), "a score");
  run.score_before_waivers = held_score(summary.at("score_before_waivers"), counts.before_waivers.percent(), "a score before waivers");
  const auto scored = held_tally(summary.at("scored"), counts.total, "in all");
  run.pass = scored.pass;
  run.fail = scored.fail;
  run.error = scored.error;
  const auto of_state = [&](const char* state) {
    const auto found = counts.states.find(state);
    return found == counts.states.end() ? 0 : found->second;
  };
  const auto states = summary.at("counts");
  run.manual = held_count(states.at("manual"), of_state("manual"), "manual");
  run.waived = held_count(states.at("waived"), of_state("waived"), "waived");
  run.notapplicable = held_count(states.at("notapplicable"), of_state("notapplicable"), "not applicable");
  read_tallies(summary.at("sections"), counts.sections, "section", run);
  read_tallies(summary.at("levels"), counts.levels, "level", run);
}

}  // namespace dockcis::fleet
