// SPDX-License-Identifier: Apache-2.0
#pragma once
// A hand-made report with every state, per-container results, waivers and
// host values built to break a renderer: markup, CDATA ends, quotes, a
// terminal escape, a C1 control, a bidirectional override and a byte that is
// not UTF-8.
#include <algorithm>
#include <string>

#include "model/report.hpp"

namespace sample {

using dockcis::model::Evidence;
using dockcis::model::InstanceResult;
using dockcis::model::json;
using dockcis::model::State;

/// A container name as a hostile host could set it.
inline const std::string kHostileName = "web\x1b[31m<script>alert(1)</script>]]>\"'\xc2\x9b" "2J\xe2\x80\xae" "evil\xff";
inline const std::string kHostileImage = "registry.local/<img src=x onerror=alert(2)>:latest";
inline const std::string kHostileMount = "/srv/<script>alert(3)</script>]]>";
inline const std::string kHostileLabel = "\"><script>alert(4)</script>";

inline dockcis::model::CheckResult result(const char* id, const char* key, const char* section, State state, const char* severity,
                                          const char* reason) {
  dockcis::model::CheckResult r;
  r.id = id;
  r.key = key;
  r.title = std::string("Title of ") + id;
  r.section = section;
  r.state = state;
  r.severity = *dockcis::model::parse_severity(severity);
  r.reason = reason;
  r.assessment = "automated";
  r.description = std::string("Description of ") + id + ".";
  r.rationale = std::string("Rationale of ") + id + ".";
  r.remediation = std::string("Remediation of ") + id + ".";
  r.references = {"CIS Docker Benchmark " + std::string(id)};
  return r;
}

inline InstanceResult instance(const std::string& id, const std::string& name, const std::string& image, State state,
                               const std::string& reason, Evidence evidence) {
  InstanceResult i(id, name, image);
  i.state = state;
  i.reason = reason;
  i.evidence.push_back(std::move(evidence));
  return i;
}

inline dockcis::model::Report report() {
  dockcis::model::Report report;
  report.tool = {{"name", "dockcis"}, {"version", "0.1.0"}};
  report.run_id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
  report.started_at = "2026-11-23T12:00:00Z";
  report.finished_at = "2026-11-23T12:00:07Z";
  report.host = {{"hostname", "host01"},           {"machine_id", "3d1219c7c4c5404aaa1f6d2a48adfda4"},
                 {"kernel", "6.1.0-18-amd64"},      {"os", "Debian GNU/Linux 12 <b>(bookworm)</b>"},
                 {"docker_version", "24.0.7"},      {"api_version", "1.43"},
                 {"rootless", false}};
  report.profile_id = "cis-docker-1.6.0";
  report.profile_title = "CIS Docker Benchmark v1.6.0";
  report.level = "2";
  report.parameters = {{"trusted_docker_users", {"alice", kHostileLabel}}, {"sensitive_host_dirs", {"/", "/etc"}}};
  report.checks_digest = "sha256:" + std::string(64, 'a');
  report.sections = {{"1", "Host Configuration"},
                     {"2", "Docker daemon configuration"},
                     {"4", "Container Images and Build File Configuration"},
                     {"5", "Container Runtime Configuration"}};

  report.results.push_back(result("1.1.1", "host.partition", "1", State::pass, "medium", ""));
  auto audit = result("1.1.3", "audit.dockerd", "1", State::fail, "low", "audit rule for the dockerd binary is false, expected equal to true");
  audit.evidence.push_back({"host.audit:${bin:dockerd}", "/watched", false, "eq", true, "audit rule for the dockerd binary", ""});
  report.results.push_back(audit);

  auto icc = result("2.2", "daemon.icc", "2", State::fail, "medium", "live bridge enable_icc is \"true\", expected equal to false");
  icc.evidence.push_back({"engine.info", "/BridgeNfIptables", "true", "eq", false, "live bridge enable_icc", ""});
  // A flag and daemon.json disagreeing, daemon.json (at a hostile path) edited since dockerd started.
  icc.setting = dockcis::model::Setting{
      "icc", "flag", false,
      {{"flag", "--icc=false", false, true, false, false, ""},
       {"file", kHostileMount + "/daemon.json", true, false, true, true,
        "also set as a flag: dockerd refuses to start while an option is set in both, so its next start fails"},
       {"default", "dockerd's built-in default", true, false, false, false, ""}},
      true, true, ""};
  report.results.push_back(icc);
  report.results.push_back(result("2.7", "daemon.tls", "2", State::notapplicable, "critical", "not applicable: no TCP listener"));
  auto ulimit = result("2.8", "daemon.default_ulimits", "2", State::error, "low",
                       "permission denied reading /etc/docker/daemon.json (run as root)");
  ulimit.evidence.push_back({"daemon.config", "/options/default-ulimits", nullptr, "", nullptr, "",
                             "permission denied reading /etc/docker/daemon.json (run as root)"});
  ulimit.error_kind = dockcis::model::ErrorKind::permission_denied;
  report.results.push_back(ulimit);
  auto swarm = result("2.18", "daemon.swarm_secrets", "2", State::notselected, "medium", "");
  swarm.swarm = true;
  report.results.push_back(swarm);

  auto user = result("4.1", "image.user", "4", State::fail, "high", "1 of 2 images fail");
  user.instances.push_back(instance("sha256:1111", "", kHostileImage, State::fail, "image user is \"\", expected not empty",
                                    {"image/sha256:1111/inspect", "/Config/User", "", "ne", "", "image user", ""}));
  user.instances.push_back(instance("sha256:2222", "", "nginx:1.25", State::pass, "",
                                    {"image/sha256:2222/inspect", "/Config/User", "nginx", "ne", "", "image user", ""}));
  report.results.push_back(user);

  auto privileged = result("5.5", "container.privileged", "5", State::fail, "critical", "1 of 3 containers fail");
  privileged.instances.push_back(instance("4b5e57f6eb2f42b9", kHostileName, kHostileImage, State::fail, "privileged is true, expected equal to false",
                                          {"container/4b5e57f6eb2f42b9/inspect", "/HostConfig/Privileged", true, "eq", false, "privileged", ""}));
  privileged.instances.push_back(instance("90db60389554aaaa", "db", "postgres:16", State::pass, "",
                                          {"container/90db60389554aaaa/inspect", "/HostConfig/Privileged", false, "eq", false, "privileged", ""}));
  auto waived = instance("40036084ebb1bbbb", "cadvisor", "gcr.io/cadvisor/cadvisor:v0.47.0", State::waived,
                         "waived by W-17: cAdvisor needs /dev/kmsg",
                         {"container/40036084ebb1bbbb/inspect", "/HostConfig/Privileged", true, "eq", false, "privileged", ""});
  waived.original_state = State::fail;
  waived.waiver = "W-17";
  privileged.instances.push_back(waived);
  report.results.push_back(privileged);

  auto mounts = result("5.6", "container.sensitive_mounts", "5", State::fail, "high", "1 of 1 container fail");
  mounts.instances.push_back(instance("4b5e57f6eb2f42b9", kHostileName, kHostileImage, State::fail, "/etc is mounted",
                                      {"container/4b5e57f6eb2f42b9/inspect", "/Mounts", json::array({kHostileMount, "/etc"}), "none_under",
                                       json::array({"/", "/etc"}), "mount sources", "label " + kHostileLabel}));
  report.results.push_back(mounts);

  report.results.push_back(result("5.9", "container.published_ports", "5", State::manual, "low", "needs a person: review the evidence"));
  auto network = result("5.10", "container.host_network", "5", State::waived, "high", "waived by W-18: the load balancer needs the host network");
  network.original_state = State::fail;
  network.waiver = "W-18";
  report.results.push_back(network);
  report.results.push_back(result("5.25", "container.cgroup", "5", State::info, "info", "2 containers use the default cgroup parent"));

  auto& summary = report.summary;
  summary.counts = {{State::pass, 1}, {State::fail, 5}, {State::error, 1}, {State::notapplicable, 1}, {State::manual, 1},
                    {State::notselected, 1}, {State::info, 1}, {State::waived, 1}};
  summary.total = {1, 5, 1};
  summary.before_waivers = {1, 6, 1};
  summary.by_section = {{"1", {1, 1, 0}}, {"2", {0, 1, 1}}, {"4", {0, 1, 0}}, {"5", {0, 2, 0}}};
  summary.by_level = {{1, {1, 5, 1}}};
  summary.failed_by_severity = {{dockcis::model::Severity::critical, 1}, {dockcis::model::Severity::high, 2}, {dockcis::model::Severity::medium, 1}, {dockcis::model::Severity::low, 1}};
  summary.xccdf_default = 18.75;
  summary.flat_score = 1;
  summary.flat_max = 7;
  report.errors = {{"engine.images", dockcis::model::ErrorKind::permission_denied, "permission denied on /var/run/docker.sock (run as root)"}};
  report.waivers = json::array({{{"id", "W-17"}, {"check", "container.privileged"}, {"status", "applied"},
                                 {"justification", "cAdvisor needs </td> /dev/kmsg"}, {"approver", "secteam@example.org"},
                                 {"ticket", "SEC-1234"}, {"expires", "2099-06-30"}},
                                {{"id", "W-18"}, {"check", "container.host_network"}, {"status", "applied"},
                                 {"justification", "the load balancer needs the host network"}, {"approver", "netops"},
                                 {"ticket", "NET-7"}, {"expires", "2099-01-01"}}});
  return report;
}

/// The sample with 5.5 over more containers than an HTML page holds (123:
/// three pages of 50), the last one named with the hostile name.
inline dockcis::model::Report long_report() {
  auto report = sample::report();
  auto& privileged = *std::ranges::find(report.results, std::string("5.5"), &dockcis::model::CheckResult::id);
  for (int i = 0; i < 120; ++i) {
    const auto id = "c0ffee" + std::to_string(100000 + i);
    const bool last = i == 119;
    privileged.instances.push_back(instance(id, last ? kHostileName : "app-" + std::to_string(i), last ? kHostileImage : "nginx:1.25",
                                            i % 3 == 0 ? State::fail : State::pass, i % 3 == 0 ? "privileged is true, expected equal to false" : "",
                                            {"container/" + id + "/inspect", "/HostConfig/Privileged", i % 3 == 0, "eq", false, "privileged", ""}));
  }
  return report;
}

}  // namespace sample
