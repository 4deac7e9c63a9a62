// SPDX-License-Identifier: Apache-2.0
#include "fleet/report_reader.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "fleet/json_access.hpp"
#include "fleet/report_summary.hpp"
#include "util/time.hpp"

namespace dockcis::fleet {
namespace {

constexpr const char* kSchemaV1 = "dockcis.report/v1";
constexpr const char* kSchemaV2 = "dockcis.report/v2";
constexpr const char* kSchemaPrefix = "dockcis.report/v";
constexpr int kMaxDepth = 64;
constexpr std::array<std::string_view, 8> kStates{"pass", "fail", "error", "notapplicable", "manual", "notselected", "info", "waived"};
constexpr std::array<std::string_view, 5> kSeverities{"info", "low", "medium", "high", "critical"};
constexpr std::array<std::string_view, 4> kWaiverStatus{"applied", "expired", "unused", "not needed"};
constexpr std::array<std::string_view, 2> kFrameworks{"nist-800-53-r5", "cis-controls-v8"};

template <std::size_t N>
std::string one_of(const Node& node, const std::array<std::string_view, N>& allowed, const char* what) {
  auto value = node.text();
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) node.refuse("'" + value + "' is not a " + what);
  return value;
}

bool hex_run_id(const std::string& id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = id[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool shaped(const std::string& text, std::string_view shape) {
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (shape[i] == 'd' ? (text[i] < '0' || text[i] > '9') : text[i] != shape[i]) return false;
  }
  return true;
}

// YYYY-MM-DDTHH:MM:SSZ naming a real date and time: runs are ordered by
// these strings, so "2026-12-04T99:99:99Z" would sort as a host's newest.
bool timestamp(const std::string& text) {
  return shaped(text, "dddd-dd-ddTdd:dd:ddZ") && util::is_rfc3339(text) && util::is_calendar_day(std::string_view(text).substr(0, 10));
}

std::string checked_time(const Node& node) {
  auto text = node.text();
  if (!timestamp(text)) node.refuse("'" + text + "' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
  return text;
}

// The report versions read: 1, and 2, which lists each instance's subject
// once in "subjects" (schemas/dockcis-report-v2.schema.json).
int read_schema(const Node& root) {
  const auto schema = root.find("schema");
  if (!schema) root.refuse("not a dockcis report: no 'schema' (expected \"" + std::string(kSchemaV2) + "\")");
  const auto name = schema->text();
  if (name == kSchemaV1) return 1;
  if (name == kSchemaV2) return 2;
  if (name.starts_with(kSchemaPrefix)) {
    schema->refuse("report schema '" + name + "' is newer than this dockcis reads (" + kSchemaV2 + "): upgrade dockcis");
  }
  schema->refuse("not a dockcis report: schema '" + name + "' (expected \"" + kSchemaV2 + "\")");
}

// A host is named by these: a control character in one (a NUL ends the
// name a shell pattern of --hosts is matched against) would let a report pass
// for another host, or hide from a filter.
std::string identity(const Node& host, const char* key) {
  auto text = host.text_or_empty(key);
  if (std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    host.at(key).refuse("holds a control character: not a host's name");
  }
  return text;
}

void read_identity(const Node& host, StoredRun& run) {
  host.require_object();
  run.hostname = identity(host, "hostname");
  run.machine_id = identity(host, "machine_id");
  run.group = identity(host, "group");
  if (run.hostname.empty() && run.machine_id.empty()) host.refuse("the host has neither a hostname nor a machine_id");
}

void read_host(const Node& host, StoredRun& run) {
  read_identity(host, run);
  run.docker_version = host.text_or_empty("docker_version");
  run.kernel = host.text_or_empty("kernel");
  run.os = host.text_or_empty("os");
  run.rootless = host.at("rootless").boolean();
}

// What a v2 report's instances name by position: a subject's name and image.
using Subjects = std::vector<std::pair<std::string, std::string>>;

Subjects read_subjects(const Node& root) {
  Subjects subjects;
  for (const auto& node : root.at("subjects").items()) subjects.emplace_back(node.at("name").text(), node.at("image").text());
  return subjects;
}

// `subjects` is null for a v1 report, whose instances name themselves.
StoredInstance read_instance(const Node& node, const Subjects* subjects) {
  StoredInstance instance;
  if (subjects == nullptr) {
    instance.name = node.at("name").text();
    instance.image = node.at("image").text();
  } else {
    const auto subject = node.at("subject");
    if (subjects->empty()) subject.refuse("the report lists no subjects");
    std::tie(instance.name, instance.image) = (*subjects)[subject.integer(0, static_cast<int>(subjects->size()) - 1)];
  }
  instance.state = one_of(node.at("state"), kStates, "result state");
  if (const auto original = node.find("original_state")) instance.original_state = one_of(*original, kStates, "result state");
  instance.waiver = node.text_or_empty("waiver");
  return instance;
}

// The text of the instances kept, bounded: a v2 report names each subject
// once and its instances by position, so a small report could otherwise
// store a long name once per instance (the store and every fleet report
// then holding it thousands of times over).
struct InstanceText {
  std::size_t used = 0;
  std::size_t limit = 0;

  void add(const Node& node, const StoredInstance& instance) {
    used += instance.name.size() + instance.image.size();
    if (used > limit) {
      node.refuse("the instances kept name their subjects in more than " + std::to_string(limit) +
                  " bytes in all (four times the report's size and 1 MiB): not stored");
    }
  }
};

StoredResult read_result(const Node& node, const Subjects* subjects, InstanceText& kept) {
  node.require_object();
  StoredResult result;
  result.key = node.at("key").text();
  if (result.key.empty() || result.key.size() > 200) node.at("key").refuse("a check key is 1 to 200 characters");
  result.cis_id = node.at("id").text();
  result.title = node.at("title").text();
  result.section = node.at("section").text();
  result.level = node.at("level").integer(1, 2);
  result.severity = one_of(node.at("severity"), kSeverities, "severity");
  result.state = one_of(node.at("state"), kStates, "result state");
  if (const auto original = node.find("original_state")) result.original_state = one_of(*original, kStates, "result state");
  result.waiver = node.text_or_empty("waiver");
  result.reason = node.at("reason").text();
  if (const auto instances = node.find("instances")) {
    const auto items = instances->items();
    result.instances_total = static_cast<int>(items.size());
    for (const auto& item : items) {
      auto instance = read_instance(item, subjects);
      result.instances_failing += instance.state == "fail";
      // Passing containers are counted, not stored: the store keeps what needs attention.
      if (instance.state == "pass" || instance.state == "notapplicable") continue;
      kept.add(item, instance);
      result.instances.push_back(std::move(instance));
    }
  }
  if (const auto controls = node.find("controls")) {
    for (const auto& control : controls->items()) {
      result.controls.push_back({one_of(control.at("framework"), kFrameworks, "control framework"), control.at("id").text(),
                                 control.at("source").text()});
    }
  }
  return result;
}

void read_waivers(const Node& root, StoredRun& run) {
  const auto waivers = root.find("waivers");
  if (!waivers) return;
  std::set<std::string> ids;
  for (const auto& node : waivers->items()) {
    StoredWaiver waiver;
    waiver.id = node.at("id").text();
    waiver.check = node.at("check").text();
    waiver.status = one_of(node.at("status"), kWaiverStatus, "waiver status");
    waiver.justification = node.at("justification").text();
    waiver.expires = node.at("expires").text();
    // The shape alone: waiver files of earlier builds took any YYYY-MM-DD, and their reports are still read.
    if (waiver.expires != "never" && !shaped(waiver.expires, "dddd-dd-dd")) {
      node.at("expires").refuse("'" + waiver.expires + "' is not a date (YYYY-MM-DD) or \"never\"");
    }
    waiver.approver = node.text_or_empty("approver");
    waiver.ticket = node.text_or_empty("ticket");
    if (const auto applied = node.find("applied_to")) waiver.applied_to = applied->integer(0, 1 << 30);
    if (!ids.insert(waiver.id).second) node.at("id").refuse("waiver id '" + waiver.id + "' appears twice");
    run.waivers.push_back(std::move(waiver));
  }
}

// A run that could not audit (exit code 3): no results and no score, a reason,
// and the host named as far as the run got (often its hostname alone).
StoredRun read_failed_run(const Node& root, const Node& state, StoredRun run) {
  run.state = "failed";
  run.failure = state.at("reason").text();
  if (run.failure.empty()) state.at("reason").refuse("a failed run says why it failed");
  read_identity(root.at("host"), run);
  if (const auto profile = root.find("profile")) {
    run.profile_id = profile->text_or_empty("id");
    run.profile_title = profile->text_or_empty("title");
  }
  run.level = root.text_or_empty("level");
  if (const auto results = root.find("results"); results && !results->items().empty()) {
    results->refuse("a failed run has no results");
  }
  return run;
}

StoredRun read_document(simdjson::dom::element document, std::size_t report_bytes) {
  const Node root(document, "");
  root.require_object();
  const int version = read_schema(root);
  StoredRun run;
  const auto run_id = root.at("run_id");
  run.run_id = run_id.text();
  if (!hex_run_id(run.run_id)) run_id.refuse("'" + run.run_id + "' is not a run id (lower-case UUID)");
  run.started_at = checked_time(root.at("started_at"));
  run.finished_at = checked_time(root.at("finished_at"));
  run.tool_version = root.at("tool").at("version").text();
  if (const auto state = root.find("run")) {
    if (state->at("state").text() != "failed") state->at("state").refuse("'" + state->at("state").text() + "' is not a run state (failed)");
    return read_failed_run(root, *state, std::move(run));
  }
  run.profile_id = root.at("profile").at("id").text();
  run.profile_title = root.at("profile").at("title").text();
  run.level = root.at("level").text();
  if (run.level != "1" && run.level != "2") root.at("level").refuse("level must be \"1\" or \"2\"");
  run.checks_digest = root.at("checks_digest").text();
  read_host(root.at("host"), run);
  for (const auto& section : root.at("sections").items()) run.sections.emplace_back(section.at("id").text(), section.at("title").text());
  const auto subjects = version == 1 ? Subjects{} : read_subjects(root);
  std::set<std::string> keys;
  InstanceText kept{0, 4 * report_bytes + (1U << 20)};
  for (const auto& item : root.at("results").items()) {
    auto result = read_result(item, version == 1 ? nullptr : &subjects, kept);
    if (!keys.insert(result.key).second) item.at("key").refuse("check '" + result.key + "' has two results");
    run.results.push_back(std::move(result));
  }
  read_summary(root.at("summary"), run);
  read_waivers(root, run);
  return run;
}

}  // namespace

std::expected<StoredRun, ReportProblem> read_report(std::string_view text) {
  if (text.size() > kMaxReportBytes) {
    return std::unexpected(ReportProblem{"", "larger than " + std::to_string(kMaxReportBytes >> 20) + " MiB: not read"});
  }
  // One parser per thread, kept: its buffers grow once to the largest report seen.
  thread_local simdjson::dom::parser parser;
  thread_local const bool sized = parser.allocate(1u << 20, kMaxDepth) == simdjson::SUCCESS;
  if (!sized) return std::unexpected(ReportProblem{"", "out of memory while reading"});
  simdjson::dom::element document;
  if (const auto error = parser.parse(text.data(), text.size()).get(document); error != simdjson::SUCCESS) {
    if (error == simdjson::DEPTH_ERROR) return std::unexpected(ReportProblem{"", "nested deeper than " + std::to_string(kMaxDepth) + " levels"});
    if (error == simdjson::UTF8_ERROR) return std::unexpected(ReportProblem{"", "not valid UTF-8"});
    return std::unexpected(ReportProblem{"", std::string("not valid JSON (truncated or corrupt): ") + simdjson::error_message(error)});
  }
  try {
    return read_document(document, text.size());
  } catch (const Refused& refused) {
    return std::unexpected(ReportProblem{refused.pointer, refused.message});
  } catch (const std::bad_alloc&) {
    return std::unexpected(ReportProblem{"", "out of memory while reading"});
  }
}

}  // namespace dockcis::fleet
