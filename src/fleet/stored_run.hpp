// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace dockcis::fleet {

/// A container (or image, network) of a per-instance check that did not pass.
struct StoredInstance {
  std::string name;
  std::string image;
  std::string state;
  std::string original_state;
  std::string waiver;
};

/// A control a check maps to (NIST SP 800-53 Rev. 5, CIS Controls v8).
struct StoredControl {
  std::string framework;
  std::string id;
  std::string source;
};

struct StoredResult {
  std::string key;
  std::string cis_id;
  std::string title;
  std::string section;
  int level = 1;
  std::string severity;
  std::string state;
  std::string original_state;
  std::string waiver;
  std::string reason;
  int instances_total = 0;
  int instances_failing = 0;
  std::vector<StoredInstance> instances;  ///< only those that did not pass or were not applicable
  std::vector<StoredControl> controls;
};

/// pass / fail / error of a section or level.
struct StoredTally {
  std::string scope;  ///< "section" or "level"
  std::string name;
  int pass = 0;
  int fail = 0;
  int error = 0;
};

struct StoredWaiver {
  std::string id;
  std::string check;
  std::string status;
  std::string justification;
  std::string approver;
  std::string ticket;
  std::string expires;
  int applied_to = 0;
};

/// What the fleet store keeps of one dockcis.report/v1 document, validated.
struct StoredRun {
  std::string run_id;
  /// "failed" for a run that could not audit (run.state of the report, exit
  /// code 3): no results, no score, and `failure` says why.
  std::string state = "completed";
  std::string failure;
  std::string started_at;
  std::string finished_at;
  std::string tool_version;
  std::string profile_id;
  std::string profile_title;
  std::string level;
  std::string checks_digest;
  std::string hostname;
  std::string machine_id;
  std::string group;  ///< host.group of the report, or --group
  std::string docker_version;
  std::string kernel;
  std::string os;
  bool rootless = false;
  double score = 0;
  double score_before_waivers = 0;
  int pass = 0;
  int fail = 0;
  int error = 0;
  int manual = 0;
  int waived = 0;
  int notapplicable = 0;
  std::vector<std::pair<std::string, std::string>> sections;  ///< id, title
  std::vector<StoredResult> results;
  std::vector<StoredTally> tallies;
  std::vector<StoredWaiver> waivers;
};

}  // namespace dockcis::fleet
