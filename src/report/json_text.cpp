// SPDX-License-Identifier: Apache-2.0
#include "report/json_text.hpp"

#include <charconv>
#include <string>
#include <utility>
#include <vector>


namespace dockcis::report {
namespace {

// The report's own names (keys, states): plain ASCII, nothing to escape or validate.
void append_name(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += '"';
}

void append_key(std::string& out, bool& first, std::string_view key) {
  if (!first) out += ',';
  first = false;
  append_name(out, key);
  out += ':';
}

// A count or an index, written without a string of its own.
void append_number(std::string& out, std::size_t number) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
}

void append_evidence(std::string& out, const model::Evidence& evidence, std::uint32_t probe) {
  // model::to_json(InstanceResult)'s evidence item: keys in their sorted order.
  out += "{\"actual\":";
  append_json_value(out, evidence.actual);
  if (!evidence.note.empty()) {
    out += ",\"note\":";
    util::append_json_string(out, evidence.note);
  }
  out += ",\"probe\":";
  append_number(out, probe);
  out += '}';
}

}  // namespace

void append_json_value(std::string& out, const model::EvidenceValue& value) {
  if (const auto* text = value.structured_text()) {
    out += *text;
    return;
  }
  util::append_json(out, *value.scalar());
}

void append_evidence_list(std::string& out, const std::vector<model::Evidence>& evidence) {
  out += '[';
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    if (i > 0) out += ',';
    // model::to_json(Evidence)'s keys, in their sorted order.
    const auto& item = evidence[i];
    bool first = true;
    out += '{';
    append_key(out, first, "actual");
    append_json_value(out, item.actual);
    if (!item.op().empty()) {
      append_key(out, first, "expected");
      util::append_json(out, item.expected());
    }
    append_key(out, first, "fact");
    util::append_json_string(out, item.fact());
    const std::pair<std::string_view, const std::string*> rest[] = {
        {"label", &item.label()}, {"note", &item.note}, {"op", &item.op()}, {"select", &item.select()}};
    for (const auto& [key, text] : rest) {
      if (text->empty()) continue;
      append_key(out, first, key);
      util::append_json_string(out, *text);
    }
    out += '}';
  }
  out += ']';
}

void append_instance(std::string& out, const model::InstanceResult& instance, std::size_t subject,
                     std::span<const std::uint32_t> probes) {
  // model::to_json(InstanceResult)'s keys, in their sorted order, each
  // written with the punctuation around it: a report has one of these for
  // every container and check.
  out += "{\"evidence\":[";
  for (std::size_t i = 0; i < instance.evidence.size(); ++i) {
    if (i > 0) out += ',';
    append_evidence(out, instance.evidence[i], probes[i]);
  }
  out += ']';
  if (instance.original_state) {
    out += ",\"original_state\":";
    append_name(out, model::to_string(*instance.original_state));
  }
  if (!instance.reason.empty()) {
    out += ",\"reason\":";
    util::append_json_string(out, instance.reason);
  }
  out += ",\"state\":";
  append_name(out, model::to_string(instance.state));
  out += ",\"subject\":";
  append_number(out, subject);
  if (!instance.waiver.empty()) {
    out += ",\"waiver\":";
    util::append_json_string(out, instance.waiver);
  }
  out += '}';
}

}  // namespace dockcis::report
