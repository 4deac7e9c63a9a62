// SPDX-License-Identifier: Apache-2.0
#include "report/json_text.hpp"
#include "report/render.hpp"

namespace dockcis::report {

namespace {

std::string compact(const model::json& value) { return value.dump(-1, ' ', false, model::json::error_handler_t::replace); }

// One result: its own fields from its document, its instances written directly, in "instances"'s sorted place.
void append_result(std::string& out, const model::CheckResult& result) {
  const auto fields = model::to_json(result, false);
  bool pending = model::lists_instances(result);
  bool first = true;
  const auto next_key = [&](std::string_view key) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, key);
    out += ':';
  };
  const auto instances = [&] {
    next_key("instances");
    out += '[';
    for (std::size_t i = 0; i < result.instances.size(); ++i) {
      if (i > 0) out += ',';
      append_instance(out, result.instances[i]);
    }
    out += ']';
    pending = false;
  };
  out += '{';
  for (const auto& [key, value] : fields.items()) {
    if (pending && key > "instances") instances();
    next_key(key);
    out += compact(value);
  }
  if (pending) instances();
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
std::string render_json(const model::Report& report) {
  auto document = model::to_json_without_results(report);
  document["results"] = model::json::array();
  std::string out;
  out.reserve(instances_size_hint(report) + 64 * 1024 * report.results.size());
  out += '{';
  bool first = true;
  for (const auto& [key, value] : document.items()) {
    if (!first) out += ',';
    first = false;
    out += compact(model::json(key));
    out += ':';
    if (key != "results") {
      out += compact(value);
      continue;
    }
    out += '[';
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      if (i > 0) out += ',';
      append_result(out, report.results[i]);
    }
    out += ']';
  }
  out += "}\n";
  return out;
}

}  // namespace dockcis::report
