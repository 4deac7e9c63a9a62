// SPDX-License-Identifier: Apache-2.0
#include "report/diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "report/clean_text.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using nlohmann::json;

bool bad(const std::string& state) { return state == "fail" || state == "error"; }

std::set<std::string> failing_instances(const json& result) {
  std::set<std::string> names;
  const auto found = result.find("instances");
  if (found == result.end() || !found->is_array()) return names;
  // A report is input: an instance of another shape counts as nothing, never throws.
  for (const auto& instance : *found) {
    if (!instance.is_object()) continue;
    const auto state = instance.find("state");
    const auto name = instance.find("name");
    if (state != instance.end() && state->is_string() && name != instance.end() && name->is_string() &&
        bad(state->get<std::string>())) {
      names.insert(name->get<std::string>());
    }
  }
  return names;
}

std::expected<std::map<std::string, json>, std::string> by_key(const json& report, const char* which) {
  if (!report.is_object() || report.value("schema", "") != "dockcis.report/v1" || !report.contains("results")) {
    return std::unexpected(std::string(which) + " is not a dockcis JSON report (schema dockcis.report/v1)");
  }
  std::map<std::string, json> results;
  for (const auto& result : report.at("results")) results[result.value("key", "")] = result;
  return results;
}

void write(std::ostream& out, const char* heading, const std::vector<Change>& changes) {
  if (changes.empty()) return;
  out << "\n" << heading << " (" << changes.size() << ")\n";
  for (const auto& change : changes) {
    out << "  " << change.id << " " << change.title << ": " << change.old_state << " -> " << change.new_state << "\n";
    for (const auto& name : change.newly_failing) out << "      now failing: " << clean_text(name) << "\n";
    for (const auto& name : change.fixed) out << "      fixed: " << clean_text(name) << "\n";
  }
}

json changes_json(const std::vector<Change>& changes) {
  json out = json::array();
  for (const auto& c : changes) {
    out.push_back({{"key", c.key}, {"id", c.id}, {"title", c.title}, {"old_state", c.old_state}, {"new_state", c.new_state},
                   {"newly_failing", c.newly_failing}, {"fixed", c.fixed}});
  }
  return out;
}

}  // namespace

std::expected<ReportDiff, std::string> diff_reports(const json& older, const json& newer) {
  const auto old_results = by_key(older, "the older report");
  if (!old_results) return std::unexpected(old_results.error());
  const auto new_results = by_key(newer, "the newer report");
  if (!new_results) return std::unexpected(new_results.error());
  ReportDiff diff;
  diff.old_score = older.value("/summary/score"_json_pointer, 0.0);
  diff.new_score = newer.value("/summary/score"_json_pointer, 0.0);
  for (const auto& result : newer.at("results")) {
    const auto key = result.value("key", "");
    const auto previous = old_results->find(key);
    Change change{key, result.value("id", ""), result.value("title", ""),
                  previous == old_results->end() ? "absent" : previous->second.value("state", ""), result.value("state", ""), {}, {}};
    const auto before = previous == old_results->end() ? std::set<std::string>{} : failing_instances(previous->second);
    const auto now = failing_instances(result);
    std::ranges::set_difference(now, before, std::back_inserter(change.newly_failing));
    std::ranges::set_difference(before, now, std::back_inserter(change.fixed));
    if ((bad(change.new_state) && !bad(change.old_state)) || !change.newly_failing.empty()) {
      diff.regressions.push_back(std::move(change));
    } else if ((bad(change.old_state) && !bad(change.new_state)) || !change.fixed.empty()) {
      diff.fixes.push_back(std::move(change));
    } else if (change.old_state != change.new_state) {
      diff.other.push_back(std::move(change));
    }
  }
  return diff;
}

std::string render_diff_text(const ReportDiff& diff) {
  std::ostringstream out;
  const double delta = diff.new_score - diff.old_score;
  out << "Score " << util::fixed(diff.old_score, 1) << "% -> " << util::fixed(diff.new_score, 1) << "% ("
      << (delta >= 0 ? "+" : "") << util::fixed(delta, 1) << ")\n";
  out << diff.regressions.size() << " newly failing, " << diff.fixes.size() << " fixed, " << diff.other.size() << " other changes\n";
  write(out, "Newly failing", diff.regressions);
  write(out, "Fixed", diff.fixes);
  write(out, "Other changes", diff.other);
  return out.str();
}

json diff_to_json(const ReportDiff& diff) {
  return {{"schema", "dockcis.diff/v1"},
          {"old_score", diff.old_score},
          {"new_score", diff.new_score},
          {"regressions", changes_json(diff.regressions)},
          {"fixes", changes_json(diff.fixes)},
          {"other", changes_json(diff.other)}};
}

}  // namespace dockcis::report
