// SPDX-License-Identifier: Apache-2.0
#include "report/json_text.hpp"

#include <string>
#include <utility>
#include <vector>

#include "util/utf8.hpp"

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

void append_evidence(std::string& out, const model::Evidence& evidence, std::uint32_t probe) {
  // model::to_json(InstanceResult)'s evidence item: keys in their sorted order.
  out += "{\"actual\":";
  append_json_value(out, evidence.actual);
  if (!evidence.note.empty()) {
    out += ",\"note\":";
    append_json_string(out, evidence.note);
  }
  out += ",\"probe\":";
  out += std::to_string(probe);
  out += '}';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // nlohmann decides how to replace what is not UTF-8; only valid text takes the short way.
  if (!util::is_valid_utf8(text)) {
    out += model::json(std::string(text)).dump(-1, ' ', false, model::json::error_handler_t::replace);
    return;
  }
  constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes written as they are
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(plain, at - plain));
    plain = at + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

void append_json_value(std::string& out, const model::json& value) {
  if (value.is_string()) return append_json_string(out, value.get_ref<const std::string&>());
  if (value.is_boolean()) {
    out += value.get<bool>() ? "true" : "false";
    return;
  }
  if (value.is_null()) {
    out += "null";
    return;
  }
  out += value.dump(-1, ' ', false, model::json::error_handler_t::replace);
}

void append_json_value(std::string& out, const model::EvidenceValue& value) {
  if (const auto* text = value.structured_text()) {
    out += *text;
    return;
  }
  append_json_value(out, *value.scalar());
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
      append_json_value(out, item.expected());
    }
    append_key(out, first, "fact");
    append_json_string(out, item.fact());
    const std::pair<std::string_view, const std::string*> rest[] = {
        {"label", &item.label()}, {"note", &item.note}, {"op", &item.op()}, {"select", &item.select()}};
    for (const auto& [key, text] : rest) {
      if (text->empty()) continue;
      append_key(out, first, key);
      append_json_string(out, *text);
    }
    out += '}';
  }
  out += ']';
}

void append_instance(std::string& out, const model::InstanceResult& instance, std::size_t subject,
                     std::span<const std::uint32_t> probes) {
  // model::to_json(InstanceResult)'s keys, in their sorted order.
  bool first = true;
  out += '{';
  append_key(out, first, "evidence");
  out += '[';
  for (std::size_t i = 0; i < instance.evidence.size(); ++i) {
    if (i > 0) out += ',';
    append_evidence(out, instance.evidence[i], probes[i]);
  }
  out += ']';
  if (instance.original_state) {
    append_key(out, first, "original_state");
    append_name(out, model::to_string(*instance.original_state));
  }
  if (!instance.reason.empty()) {
    append_key(out, first, "reason");
    append_json_string(out, instance.reason);
  }
  append_key(out, first, "state");
  append_name(out, model::to_string(instance.state));
  append_key(out, first, "subject");
  out += std::to_string(subject);
  if (!instance.waiver.empty()) {
    append_key(out, first, "waiver");
    append_json_string(out, instance.waiver);
  }
  out += '}';
}

}  // namespace dockcis::report
