// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fleet/stored_run.hpp"

namespace dockcis::fleet {

/// What the catalogue of the dockcis that reports says of its checks and
/// profiles. The report shows it for every check and section it knows,
/// whatever the hosts' reports said: the store keeps one title and one
/// control mapping per check, from the newest report that named them, and one
/// title per section of a profile, from the first, so a host an attacker
/// holds could otherwise retitle checks, remap controls and (under a profile
/// id of its own) rename sections for the whole fleet.
struct CatalogueText {
  struct Check {
    std::string title;                          ///< from the newest profile that has the check, else the check's own
    std::map<std::string, std::string> titles;  ///< by profile id: the check's title in that benchmark version
    std::string severity;
    std::vector<StoredControl> controls;
  };
  std::map<std::string, Check> checks;                                ///< by check key
  /// Per profile id, section id -> title; oldest benchmark version first, as the catalogue orders its profiles.
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> sections;
};

/// Which hosts and runs a fleet report covers.
struct FleetFilter {
  std::string host_pattern;        ///< shell pattern on the host name ("" = every host)
  std::string group;               ///< "" = every group
  std::string since;               ///< trend and histories start here (RFC 3339; "" = until - 90 days)
  std::string until;               ///< runs after this are ignored ("" = as_of)
  std::string as_of;               ///< reference time for staleness and waiver expiry (RFC 3339)
  int stale_after_days = 2;
  int waiver_window_days = 30;
  std::size_t containers_per_check = 25;  ///< containers listed per failing check (all are counted)
  /// The catalogue's text, which wins over the store's; null: the store's alone.
  const CatalogueText* catalogue = nullptr;
};

/// Counts summed over hosts and days: 64 bits, as many hosts' counts add up.
struct Tally {
  std::int64_t pass = 0;
  std::int64_t fail = 0;
  std::int64_t error = 0;
  [[nodiscard]] std::int64_t scored() const { return pass + fail + error; }
  /// pass / scored in percent; 100 when nothing was scored (as the host report).
  [[nodiscard]] double percent() const { return scored() == 0 ? 100.0 : 100.0 * static_cast<double>(pass) / static_cast<double>(scored()); }
};

/// A host and its newest run in the window.
struct HostRow {
  std::int64_t host_id = 0;
  std::int64_t run_row = 0;
  std::optional<std::int64_t> previous_run_row;
  std::string hostname;
  std::string machine_id;
  /// The name every table of the report gives the host: its hostname, with
  /// the start of its machine id when another host has the same hostname (a
  /// rebuilt machine, or a report that claims another host's name), so that
  /// no two hosts are shown, linked or filtered as one.
  std::string label;
  std::string group;
  std::string run_id;
  std::string started_at;
  /// The newest run could not audit (exit code 3): no score, no results, this reason.
  bool failed = false;
  std::string failure;
  std::string profile_id;
  std::string tool_version;
  std::string docker_version;
  double score = 0;
  std::optional<double> previous_score;
  std::string previous_started_at;
  Tally tally;
  bool stale = false;
  int days_since_run = 0;
  std::map<std::string, Tally> sections;
};

struct TrendPoint {
  std::string date;  ///< YYYY-MM-DD (UTC)
  int hosts = 0;
  Tally tally;
};

struct Container {
  std::string host;
  std::string name;
  std::string image;
};

struct FailingCheck {
  std::string key;
  std::string title;
  std::string cis_ids;  ///< the CIS ids it has in the profiles seen, e.g. "5.4" or "2.7, 2.8"
  std::string severity;
  int hosts_failing = 0;
  int hosts_error = 0;
  int hosts_evaluated = 0;  ///< hosts where it was pass, fail or error
  std::vector<std::string> hosts;
  int containers_failing = 0;
  std::vector<Container> containers;  ///< the first FleetFilter::containers_per_check
};

struct StateChange {
  std::string key;
  std::string cis_id;
  std::string title;
  std::string old_state;
  std::string new_state;
  int old_failing_containers = 0;
  int new_failing_containers = 0;
};

struct Regression {
  std::string host;
  std::string group;
  std::string previous_at;
  std::string latest_at;
  double previous_score = 0;
  double latest_score = 0;
  std::vector<StateChange> changes;
};

struct WaiverRow {
  std::string host;
  std::string group;
  std::string id;
  std::string check;
  std::string status;
  std::string justification;
  std::string approver;
  std::string ticket;
  std::string expires;
  int days_left = 0;  ///< negative once expired
  bool expired = false;
};

struct VersionCount {
  std::string kind;  ///< docker, benchmark, tool
  std::string version;
  int hosts = 0;
};

struct ControlRow {
  std::string framework;
  std::string control;
  std::vector<std::string> checks;  ///< failing check keys mapped to it
  int hosts_failing = 0;
  std::string sources;
};

struct HostResult {
  std::string cis_id;
  std::string key;
  std::string title;
  std::string severity;
  std::string state;
  std::string reason;
  std::string waiver;
  std::vector<std::string> containers;
};

struct HistoryPoint {
  std::string started_at;
  double score = 0;
};

/// A host's drill-down: its newest run's results that need attention, and its score over the window.
struct HostDetail {
  std::string host;
  std::vector<HostResult> results;
  std::vector<HistoryPoint> history;
};

/// Everything a fleet report shows, computed once from the store.
struct FleetView {
  std::string generated_at;
  FleetFilter filter;
  std::string store;
  int schema_version = 0;
  Tally fleet;  ///< summed over every host's newest run
  int runs_in_window = 0;
  std::vector<std::pair<std::string, std::string>> sections;  ///< id, title
  std::vector<HostRow> hosts;
  std::vector<TrendPoint> trend;
  std::vector<FailingCheck> failing_checks;
  std::vector<Regression> regressions;
  std::vector<WaiverRow> waivers;
  std::vector<VersionCount> versions;
  std::vector<ControlRow> controls;
  std::vector<HostDetail> details;
};

}  // namespace dockcis::fleet
