// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fleet/store.hpp"

namespace dockcis::fleet::test {

using nlohmann::json;

/// A store for one test case: an SQLite file in a fresh directory, or, when
/// DOCKCIS_TEST_PG_URL names a PostgreSQL database, that database emptied.
class TestStore {
 public:
  TestStore() {
    if (const char* url = std::getenv("DOCKCIS_TEST_PG_URL"); url != nullptr && *url != '\0') {
      target_ = url;
      auto database = open_database(target_);
      if (database) {
        (void)(*database)->execute("DROP SCHEMA IF EXISTS public CASCADE");
        (void)(*database)->execute("CREATE SCHEMA public");
      }
    } else {
      char pattern[] = "/tmp/dockcis-fleet-test-XXXXXX";
      dir_ = mkdtemp(pattern);
      target_ = dir_ + "/fleet.db";
    }
  }
  ~TestStore() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  [[nodiscard]] const std::string& target() const { return target_; }
  [[nodiscard]] bool postgres() const { return dir_.empty(); }
  [[nodiscard]] const std::string& dir() const { return dir_; }

 private:
  std::string target_;
  std::string dir_;
};

struct ResultSpec {
  ResultSpec(std::string key_, std::string id_, std::string state_, std::string severity_ = "medium",
             std::vector<std::pair<std::string, std::string>> containers_ = {}, std::string waiver_ = {}, std::string original_state_ = {})
      : key(std::move(key_)), id(std::move(id_)), state(std::move(state_)), severity(std::move(severity_)),
        containers(std::move(containers_)), waiver(std::move(waiver_)), original_state(std::move(original_state_)) {}
  std::string key;
  std::string id;
  std::string state;
  std::string severity;
  std::vector<std::pair<std::string, std::string>> containers;  ///< name, state
  std::string waiver;
  std::string original_state;
};

/// A dockcis.report/v2 document shaped as `dockcis audit` writes it.
inline json make_report(const std::string& run_id, const std::string& host, const std::string& started_at,
                        const std::vector<ResultSpec>& specs, const std::string& profile = "cis-docker-1.8.0") {
  json results = json::array();
  json subjects = json::array();
  int pass = 0, fail = 0, error = 0, pass_before = 0, scored_before = 0;
  std::map<std::string, std::array<int, 3>> sections;
  std::map<std::string, int> counts{{"pass", 0}, {"fail", 0}, {"error", 0}, {"notapplicable", 0}, {"manual", 0},
                                    {"notselected", 0}, {"info", 0}, {"waived", 0}};
  for (const auto& spec : specs) {
    const auto section = spec.id.substr(0, spec.id.find('.'));
    json result{{"id", spec.id}, {"key", spec.key}, {"title", "Title of " + spec.key}, {"section", section}, {"level", 1},
                {"swarm", false}, {"assessment", "automated"}, {"automated", true}, {"severity", spec.severity},
                {"state", spec.state}, {"reason", "because " + spec.state}, {"evidence", json::array()},
                {"description", "d"}, {"rationale", "r"}, {"remediation", "fix it"}, {"references", json::array()}};
    if (!spec.waiver.empty()) result["waiver"] = spec.waiver;
    if (!spec.original_state.empty()) result["original_state"] = spec.original_state;
    if (!spec.containers.empty()) {
      json instances = json::array();
      for (const auto& [name, state] : spec.containers) {
        json subject{{"collection", "container"}, {"id", "0123456789ab" + name}, {"name", name}, {"image", "img/" + name + ":1"}};
        auto at = std::find(subjects.begin(), subjects.end(), subject) - subjects.begin();
        if (at == static_cast<std::ptrdiff_t>(subjects.size())) subjects.push_back(subject);
        instances.push_back({{"subject", at}, {"state", state}, {"evidence", json::array()}});
      }
      result["instances"] = instances;
    }
    results.push_back(result);
    ++counts[spec.state];
    auto& tally = sections[section];
    if (spec.state == "pass") ++pass, ++tally[0];
    if (spec.state == "fail") ++fail, ++tally[1];
    if (spec.state == "error") ++error, ++tally[2];
    const auto& before = spec.original_state.empty() ? spec.state : spec.original_state;
    pass_before += before == "pass";
    scored_before += before == "pass" || before == "fail" || before == "error";
  }
  json section_tallies = json::object();
  for (const auto& [id, tally] : sections) {
    const int scored = tally[0] + tally[1] + tally[2];
    section_tallies[id] = {{"pass", tally[0]}, {"fail", tally[1]}, {"error", tally[2]}, {"percent", scored ? 100.0 * tally[0] / scored : 100.0}};
  }
  const int scored = pass + fail + error;
  const double score = scored ? 100.0 * pass / scored : 100.0;
  const double score_before = scored_before ? 100.0 * pass_before / scored_before : 100.0;
  json levels = json::object();
  if (!specs.empty()) levels["1"] = {{"pass", pass}, {"fail", fail}, {"error", error}, {"percent", score}};
  return json{{"schema", "dockcis.report/v2"},
              {"tool", {{"name", "dockcis"}, {"version", "0.1.0"}}},
              {"run_id", run_id},
              {"started_at", started_at},
              {"finished_at", started_at},
              {"subjects", subjects},
              {"host", {{"hostname", host}, {"machine_id", "mid-" + host}, {"docker_version", "26.1.5"}, {"rootless", false}}},
              {"profile", {{"id", profile}, {"title", "CIS Docker Benchmark"}}},
              {"level", "2"},
              {"parameters", json::object()},
              {"checks_digest", "sha256:0000000000000000000000000000000000000000000000000000000000000000"},
              {"sections", json::array({{{"id", "1"}, {"title", "Host"}}, {{"id", "5"}, {"title", "Runtime"}}})},
              {"results", results},
              {"summary", {{"counts", counts}, {"score", score}, {"score_before_waivers", score_before},
                           {"scored", {{"pass", pass}, {"fail", fail}, {"error", error}, {"percent", score}}},
                           {"sections", section_tallies}, {"levels", levels}, {"failed_by_severity", json::object()},
                           {"xccdf", {{"default", 0}, {"flat", 0}, {"flat_max", 0}}}}},
              {"errors", json::array()},
              {"waivers", json::array()}};
}

/// The same report in version 1's shape, which named every instance in full.
inline json as_v1(json report) {
  report["schema"] = "dockcis.report/v1";
  for (auto& result : report["results"]) {
    if (!result.contains("instances")) continue;
    for (auto& instance : result["instances"]) {
      const auto& subject = report["subjects"][instance["subject"].get<std::size_t>()];
      for (const char* key : {"id", "name", "image"}) instance[key] = subject[key];
      instance.erase("subject");
    }
  }
  report.erase("subjects");
  return report;
}

/// A report of a run that could not audit (exit code 3), shaped as the
/// last-resort barrier writes it: the hostname alone, no profile, no results.
inline json make_failed_report(const std::string& run_id, const std::string& host, const std::string& started_at,
                               const std::string& reason) {
  return json{{"schema", "dockcis.report/v1"},
              {"tool", {{"name", "dockcis"}, {"version", "0.1.0"}}},
              {"run_id", run_id},
              {"started_at", started_at},
              {"finished_at", started_at},
              {"run", {{"state", "failed"}, {"reason", reason}}},
              {"host", {{"hostname", host}}},
              {"profile", {{"id", ""}, {"title", ""}}},
              {"level", "2"},
              {"parameters", json::object()},
              {"checks_digest", ""},
              {"sections", json::array()},
              {"results", json::array()},
              {"summary", {{"counts", {{"pass", 0}, {"fail", 0}, {"error", 0}, {"notapplicable", 0}, {"manual", 0},
                                       {"notselected", 0}, {"info", 0}, {"waived", 0}}},
                           {"score", 0}, {"score_before_waivers", 0},
                           {"scored", {{"pass", 0}, {"fail", 0}, {"error", 0}, {"percent", 100.0}}},
                           {"sections", json::object()}, {"levels", json::object()}, {"failed_by_severity", json::object()},
                           {"xccdf", {{"default", 0}, {"flat", 0}, {"flat_max", 0}}}}},
              {"errors", json::array()},
              {"waivers", json::array()}};
}

/// A run id from a small number: "00000000-0000-4000-8000-000000000007".
inline std::string run_id(int n) {
  auto digits = std::to_string(n);
  return "00000000-0000-4000-8000-" + std::string(12 - digits.size(), '0') + digits;
}

}  // namespace dockcis::fleet::test
