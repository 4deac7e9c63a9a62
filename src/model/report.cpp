// SPDX-License-Identifier: Apache-2.0
#include "model/report.hpp"

#include <cmath>

#include "model/report_index.hpp"

namespace dockcis::model {
namespace {
double round2(double value) { return std::round(value * 100.0) / 100.0; }

json tally_json(const Tally& tally) {
  return json{{"pass", tally.pass}, {"fail", tally.fail}, {"error", tally.error}, {"percent", round2(tally.percent())}};
}
}  // namespace

double Tally::percent() const {
  const int scored = pass + fail + error;
  return scored == 0 ? 100.0 : 100.0 * pass / scored;
}

InstanceResult::InstanceResult() {
  static const auto empty = std::make_shared<const Subject>();
  subject = empty;
}

InstanceResult::InstanceResult(std::shared_ptr<const Subject> subject) : subject(std::move(subject)) {}

InstanceResult::InstanceResult(std::string id, std::string name, std::string image)
    : subject(std::make_shared<const Subject>(Subject{std::move(id), std::move(name), std::move(image)})) {}

Evidence::Evidence() {
  static const auto empty = std::make_shared<const Probe>();
  probe = empty;
}

Evidence::Evidence(std::shared_ptr<const Probe> probe, EvidenceValue actual, std::string note)
    : probe(std::move(probe)), actual(std::move(actual)), note(std::move(note)) {}

Evidence::Evidence(std::string fact, std::string select, EvidenceValue actual, std::string op, json expected, std::string label, std::string note)
    : probe(std::make_shared<const Probe>(Probe{std::move(fact), std::move(select), std::move(op), std::move(expected), std::move(label)})),
      actual(std::move(actual)),
      note(std::move(note)) {}

json probe_json(const Probe& probe) {
  json out = json::object();
  out["fact"] = probe.fact;
  if (!probe.select.empty()) out["select"] = probe.select;
  if (!probe.op.empty()) out["op"] = probe.op;
  if (!probe.op.empty()) out["expected"] = probe.expected;
  if (!probe.label.empty()) out["label"] = probe.label;
  return out;
}

json to_json(const Evidence& evidence) {
  json out = probe_json(*evidence.probe);
  out["actual"] = evidence.actual.value();
  if (!evidence.note.empty()) out["note"] = evidence.note;
  return out;
}

json to_json(const InstanceResult& instance, std::size_t subject, std::span<const std::uint32_t> probes) {
  json evidence = json::array();
  for (std::size_t i = 0; i < instance.evidence.size(); ++i) {
    json item{{"probe", probes[i]}, {"actual", instance.evidence[i].actual.value()}};
    if (!instance.evidence[i].note.empty()) item["note"] = instance.evidence[i].note;
    evidence.push_back(std::move(item));
  }
  json out{{"subject", subject}, {"state", to_string(instance.state)}, {"evidence", std::move(evidence)}};
  if (!instance.reason.empty()) out["reason"] = instance.reason;
  if (instance.original_state) out["original_state"] = to_string(*instance.original_state);
  if (!instance.waiver.empty()) out["waiver"] = instance.waiver;
  return out;
}

namespace {

// A result's document without "evidence" and "instances".
json to_json_without_lists(const CheckResult& result, const ProbeTable& probes) {
  json out{{"id", result.id},
           {"key", result.key},
           {"title", result.title},
           {"section", result.section},
           {"level", result.level},
           {"swarm", result.swarm},
           {"assessment", result.assessment},
           {"automated", result.automated},
           {"severity", to_string(result.severity)},
           {"state", to_string(result.state)},
           {"reason", result.reason},
           {"description", result.description},
           {"rationale", result.rationale},
           {"remediation", result.remediation},
           {"references", result.references}};
  if (result.original_state) out["original_state"] = to_string(*result.original_state);
  if (!result.waiver.empty()) out["waiver"] = result.waiver;
  if (result.setting) out["setting"] = to_json(*result.setting);
  if (!result.controls.empty()) {
    json controls = json::array();
    for (const auto& control : result.controls) controls.push_back({{"framework", control.framework}, {"id", control.id}, {"source", control.source}});
    out["controls"] = std::move(controls);
  }
  if (!probes.probes.empty()) {
    json listed = json::array();
    for (const auto* probe : probes.probes) listed.push_back(probe_json(*probe));
    out["probes"] = std::move(listed);
  }
  return out;
}

}  // namespace

json to_json(const CheckResult& result, const SubjectIndex& subjects) {
  const auto probes = probe_table(result);
  auto out = to_json_without_lists(result, probes);
  json evidence = json::array();
  for (const auto& item : result.evidence) evidence.push_back(to_json(item));
  out["evidence"] = std::move(evidence);
  if (lists_instances(result)) {
    json instances = json::array();
    std::span<const std::uint32_t> used = probes.used;
    for (const auto& instance : result.instances) {
      instances.push_back(to_json(instance, subjects.of(result, instance), used.first(instance.evidence.size())));
      used = used.subspan(instance.evidence.size());
    }
    out["instances"] = std::move(instances);
  }
  return out;
}

json to_json(const CheckResult& result) { return to_json(result, SubjectIndex(std::span(&result, 1))); }

bool lists_instances(const CheckResult& result) { return !result.instances.empty() || result.state != State::notselected; }

json to_json(const Summary& summary) {
  json counts = json::object();
  for (State state : kAllStates) {
    const auto found = summary.counts.find(state);
    counts[std::string(to_string(state))] = found == summary.counts.end() ? 0 : found->second;
  }
  json sections = json::object();
  for (const auto& [id, tally] : summary.by_section) sections[id] = tally_json(tally);
  json levels = json::object();
  for (const auto& [level, tally] : summary.by_level) levels[std::to_string(level)] = tally_json(tally);
  json failed_by_severity = json::object();
  for (const auto& [severity, count] : summary.failed_by_severity) failed_by_severity[std::string(to_string(severity))] = count;
  return json{{"counts", std::move(counts)},
              {"score", round2(summary.total.percent())},
              {"score_before_waivers", round2(summary.before_waivers.percent())},
              {"scored", tally_json(summary.total)},
              {"sections", std::move(sections)},
              {"levels", std::move(levels)},
              {"failed_by_severity", std::move(failed_by_severity)},
              {"xccdf", {{"default", round2(summary.xccdf_default)},
                         {"flat", round2(summary.flat_score)},
                         {"flat_max", round2(summary.flat_max)}}}};
}

json to_json(const Report& report) {
  const SubjectIndex subjects(report.results);
  auto document = to_json_without_results(report, subjects);
  json results = json::array();
  for (const auto& result : report.results) results.push_back(to_json(result, subjects));
  document["results"] = std::move(results);
  return document;
}

json to_json_without_results(const Report& report, const SubjectIndex& subjects) {
  json sections = json::array();
  for (const auto& [id, title] : report.sections) sections.push_back({{"id", id}, {"title", title}});
  json errors = json::array();
  for (const auto& error : report.errors) errors.push_back(error.fact + ": " + error.message);
  json document{{"schema", report.schema},
              {"tool", report.tool},
              {"run_id", report.run_id},
              {"started_at", report.started_at},
              {"finished_at", report.finished_at},
              {"host", report.host},
              {"profile", {{"id", report.profile_id}, {"title", report.profile_title}}},
              {"level", report.level},
              {"parameters", report.parameters},
              {"checks_digest", report.checks_digest},
              {"sections", std::move(sections)},
              {"summary", to_json(report.summary)},
              {"errors", std::move(errors)},
              {"waivers", report.waivers},
              {"subjects", subjects.to_json()}};
  // Present only for a failed run; nothing was seen, so nothing scores.
  if (report.failure) {
    document["run"] = {{"state", "failed"}, {"reason", *report.failure}};
    for (const char* score : {"score", "score_before_waivers"}) document["summary"][score] = 0;
  }
  return document;
}

}  // namespace dockcis::model
