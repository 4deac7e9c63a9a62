// SPDX-License-Identifier: Apache-2.0
#include "report/json_text.hpp"
#include "report/render.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/report_index.hpp"
#include "report/size_hints.hpp"
#include "util/json_write.hpp"

namespace dockcis::report {

namespace {

// util::append_json writes nlohmann's compact dump byte for byte, at a fraction of its cost.
std::string compact(const model::json& value) {
  std::string text;
  util::append_json(text, value);
  return text;
}

void append_controls(std::string& out, const std::vector<model::ControlRef>& controls) {
  out += '[';
  for (std::size_t i = 0; i < controls.size(); ++i) {
    out += i == 0 ? "{\"framework\":" : ",{\"framework\":";
    util::append_json_string(out, controls[i].framework);
    out += ",\"id\":";
    util::append_json_string(out, controls[i].id);
    out += ",\"source\":";
    util::append_json_string(out, controls[i].source);
    out += '}';
  }
  out += ']';
}

// A result's instances, each handed on (when the text is) as it is made.
void append_instances(TextOut& text_out, const model::CheckResult& result, const model::SubjectIndex& subjects,
                      const model::ProbeTable& probes) {
  auto& out = text_out.text();
  out += '[';
  std::span<const std::uint32_t> used = probes.used;
  for (std::size_t i = 0; i < result.instances.size(); ++i) {
    if (i > 0) out += ',';
    const auto& instance = result.instances[i];
    append_instance(out, instance, subjects.of(result, instance), used.first(instance.evidence.size()));
    used = used.subspan(instance.evidence.size());
    text_out.spill_if_full();
  }
  out += ']';
}

// One result, its fields written in the order of the keys model::to_json
// gives (nlohmann's objects sort them), without a document made for it
// first; the instances handed on, when the text is, as they are made.
void append_result(TextOut& text_out, const model::CheckResult& result, const model::SubjectIndex& subjects) {
  auto& out = text_out.text();
  const auto probes = model::probe_table(result);
  // Not out.back(): the text may just have been handed on (spill_if_full).
  bool first = true;
  const auto field = [&](std::string_view key) {
    out += first ? "\"" : ",\"";
    first = false;
    out += key;
    out += "\":";
  };
  const auto string_field = [&](std::string_view key, std::string_view value) {
    field(key);
    util::append_json_string(out, value);
  };
  out += '{';
  string_field("assessment", result.assessment);
  field("automated");
  out += result.automated ? "true" : "false";
  if (!result.controls.empty()) {
    field("controls");
    append_controls(out, result.controls);
  }
  string_field("description", result.description);
  field("evidence");
  append_evidence_list(out, result.evidence);
  string_field("id", result.id);
  if (model::lists_instances(result)) {
    field("instances");
    append_instances(text_out, result, subjects, probes);
  }
  string_field("key", result.key);
  field("level");
  out += std::to_string(result.level);
  if (result.original_state) string_field("original_state", model::to_string(*result.original_state));
  if (!probes.probes.empty()) {
    field("probes");
    out += '[';
    for (std::size_t i = 0; i < probes.probes.size(); ++i) {
      if (i > 0) out += ',';
      util::append_json(out, model::probe_json(*probes.probes[i]));
    }
    out += ']';
  }
  string_field("rationale", result.rationale);
  string_field("reason", result.reason);
  field("references");
  out += '[';
  for (std::size_t i = 0; i < result.references.size(); ++i) {
    if (i > 0) out += ',';
    util::append_json_string(out, result.references[i]);
  }
  out += ']';
  string_field("remediation", result.remediation);
  string_field("section", result.section);
  if (result.setting) {
    field("setting");
    util::append_json(out, model::to_json(*result.setting));
  }
  string_field("severity", model::to_string(result.severity));
  string_field("state", model::to_string(result.state));
  field("swarm");
  out += result.swarm ? "true" : "false";
  string_field("title", result.title);
  if (!result.waiver.empty()) string_field("waiver", result.waiver);
  out += '}';
}

}  // namespace

// Keys come out sorted (nlohmann's std::map) and results in profile order,
// so the same facts give the same bytes apart from the run id and times.
// Bytes that are not UTF-8 (a file read from the host) become U+FFFD rather
// than aborting the report. Compact: at a thousand containers indentation
// alone is a third of the file; `jq .` shows it indented. The results are
// written one at a time, their instances straight to text (json_text.hpp):
// the bytes are those of dumping the whole document.
void render_json(const model::Report& report, TextOut& text_out) {
  const model::SubjectIndex subjects(report.results);
  auto document = model::to_json_without_results(report, subjects);
  document["results"] = model::json::array();
  // Every member but the results as text first, to reserve a whole report at once (size_hints.hpp).
  std::vector<std::pair<std::string, std::string>> members;
  std::size_t size = 4;
  for (const auto& [key, value] : document.items()) {
    members.emplace_back(compact(model::json(key)), key == "results" ? std::string() : compact(value));
    size += members.back().first.size() + members.back().second.size() + 2;
  }
  auto& out = text_out.text();
  if (text_out.whole()) {
    size += json_results_size_hint(report);
    out.reserve(size + size / 4);  // the estimate's margin: it stays within a quarter
  }
  out += '{';
  bool first = true;
  for (const auto& [key, value] : members) {
    if (!first) out += ',';
    first = false;
    out += key;
    out += ':';
    if (key != "\"results\"") {
      out += value;
      continue;
    }
    out += '[';
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      if (i > 0) out += ',';
      append_result(text_out, report.results[i], subjects);
    }
    out += ']';
  }
  out += "}\n";
}

std::string render_json(const model::Report& report) {
  TextOut out;
  render_json(report, out);
  return out.finish();
}

}  // namespace dockcis::report
