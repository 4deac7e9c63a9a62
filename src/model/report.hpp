// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <memory>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/control.hpp"
#include "model/evidence_value.hpp"
#include "model/setting.hpp"
#include "model/severity.hpp"
#include "model/state.hpp"
#include "model/unavailable.hpp"

namespace dockcis::model {

using json = nlohmann::json;

/// What a check reads and what it expects: the same for every instance it is
/// read on, so the evidence of a thousand containers shares one.
struct Probe {
  std::string fact;
  std::string select;  ///< JSON pointer into the fact
  std::string op;
  json expected;
  std::string label;
};

/// What a result was decided on: the fact read, the value found, what was expected.
struct Evidence {
  Evidence();
  Evidence(std::shared_ptr<const Probe> probe, EvidenceValue actual, std::string note = {});
  /// Evidence with a probe of its own.
  Evidence(std::string fact, std::string select, EvidenceValue actual, std::string op, json expected, std::string label, std::string note);

  [[nodiscard]] const std::string& fact() const { return probe->fact; }
  [[nodiscard]] const std::string& select() const { return probe->select; }
  [[nodiscard]] const std::string& op() const { return probe->op; }
  [[nodiscard]] const json& expected() const { return probe->expected; }
  [[nodiscard]] const std::string& label() const { return probe->label; }

  std::shared_ptr<const Probe> probe;  ///< never null
  EvidenceValue actual;
  std::string note;  ///< e.g. the reason a fact was unavailable
};

/// A fact the run could not read.
struct CollectionError {
  std::string fact;
  ErrorKind kind = ErrorKind::other;
  std::string message;
};

/// What a per-instance result is about: one container, image or network,
/// shared by its results for every check (a thousand containers' hundred
/// checks do not each keep a copy of its id, name and image). Each of the
/// three is cut at kShownSubjectText (listed_name.hpp).
struct Subject {
  std::string id;
  std::string name;
  std::string image;  ///< a container's image reference; "" for images and networks
};

struct InstanceResult {
  InstanceResult();
  explicit InstanceResult(std::shared_ptr<const Subject> subject);
  /// A result with a subject of its own.
  InstanceResult(std::string id, std::string name, std::string image);

  [[nodiscard]] const std::string& id() const { return subject->id; }
  [[nodiscard]] const std::string& name() const { return subject->name; }
  [[nodiscard]] const std::string& image() const { return subject->image; }

  std::shared_ptr<const Subject> subject;  ///< never null
  State state = State::error;
  std::string reason;
  std::vector<Evidence> evidence;
  std::optional<State> original_state;  ///< set when a waiver changed the state
  std::string waiver;                   ///< id of the waiver applied
  std::optional<ErrorKind> error_kind;  ///< why, when the state is error because a fact could not be read
};

struct CheckResult {
  std::string id;  ///< CIS id in the chosen profile
  std::string key;
  std::string title;
  std::string section;
  int level = 1;
  bool swarm = false;
  std::string assessment;  ///< CIS assessment status
  bool automated = true;   ///< decided by dockcis without a person
  Severity severity = Severity::medium;
  State state = State::error;
  std::string reason;
  std::vector<Evidence> evidence;
  std::vector<InstanceResult> instances;
  std::string collection;  ///< what the instances are (container, image, network); "" for a host-wide check
  std::string description;
  std::string rationale;
  std::string remediation;
  std::vector<std::string> references;
  std::vector<ControlRef> controls;
  std::optional<State> original_state;  ///< set when a waiver changed the state
  std::string waiver;                   ///< id of the waiver applied (host-wide checks)
  std::optional<ErrorKind> error_kind;  ///< why, when the state is error because a fact could not be read
  std::optional<Setting> setting;       ///< for a check about a daemon option: where its value comes from
};

struct Tally {
  int pass = 0;
  int fail = 0;
  int error = 0;
  /// pass / (pass + fail + error) in percent; 100 when nothing was scored.
  [[nodiscard]] double percent() const;
};

struct Summary {
  std::map<State, int> counts;
  Tally total;
  Tally before_waivers;
  std::map<std::string, Tally> by_section;
  std::map<int, Tally> by_level;
  std::map<Severity, int> failed_by_severity;
  double xccdf_default = 0;  ///< XCCDF urn:xccdf:scoring:default, 0-100
  double flat_score = 0;     ///< XCCDF urn:xccdf:scoring:flat
  double flat_max = 0;
};

/// Everything a renderer needs; renderers never evaluate.
struct Report {
  std::string schema = "dockcis.report/v2";
  json tool = json::object();      ///< name, version
  std::string run_id;
  std::string started_at;
  std::string finished_at;
  json host = json::object();      ///< hostname, machine_id, kernel, os, docker_version, api_version, rootless
  std::string profile_id;
  std::string profile_title;
  std::string level;               ///< "1", "2"
  json parameters = json::object();
  std::string checks_digest;
  std::vector<std::pair<std::string, std::string>> sections;  ///< id, title in CIS order
  std::vector<CheckResult> results;
  Summary summary;
  std::vector<CollectionError> errors;  ///< facts that could not be read, for the appendix
  /// Every waiver with its status (applied, expired, unused, not needed), for the appendix.
  json waivers = json::array();
  /// Set when the run failed before any check was decided (exit code 3): why.
  /// Such a report claims no results and scores 0; every format says it failed.
  std::optional<std::string> failure;
};

class SubjectIndex;
struct ProbeTable;

/// A probe's document: fact, select, op and expected (when there is an op), label.
json probe_json(const Probe& probe);
json to_json(const Evidence& evidence);
/// An instance's document (report v2): its subject's position in the
/// report's "subjects" and, for each evidence item, its probe's position in
/// its result's "probes" (model/report_index.hpp).
json to_json(const InstanceResult& instance, std::size_t subject, std::span<const std::uint32_t> probes);
json to_json(const CheckResult& result, const SubjectIndex& subjects);
/// A result on its own: its subjects counted from its own instances.
json to_json(const CheckResult& result);
/// Whether a result's document has "instances" (empty for a check over no instances).
bool lists_instances(const CheckResult& result);
json to_json(const Summary& summary);
json to_json(const Report& report);
/// The report's document without its "results", for renderers that write
/// the results one at a time.
json to_json_without_results(const Report& report, const SubjectIndex& subjects);

}  // namespace dockcis::model
