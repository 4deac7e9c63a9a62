// SPDX-License-Identifier: Apache-2.0
#include "report/render.hpp"

namespace dockcis::report {

namespace {

std::string compact(const model::json& value) { return value.dump(-1, ' ', false, model::json::error_handler_t::replace); }

}  // namespace

// Keys come out sorted (nlohmann's std::map) and results in profile order,
// so the same facts give the same bytes apart from the run id and times.
// Bytes that are not UTF-8 (a file read from the host) become U+FFFD rather
// than aborting the report. Compact: at a thousand containers indentation
// alone is a third of the file; `jq .` shows it indented. The results are
// written one at a time, so only one result's document is held at once: the
// bytes are those of dumping the whole document.
std::string render_json(const model::Report& report) {
  auto document = model::to_json_without_results(report);
  document["results"] = model::json::array();
  std::string out = "{";
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
      out += compact(model::to_json(report.results[i]));
    }
    out += ']';
  }
  return out + "}\n";
}

}  // namespace dockcis::report
