// SPDX-License-Identifier: Apache-2.0
#include "report/render.hpp"

namespace dockcis::report {

// Keys come out sorted (nlohmann's std::map) and results in profile order,
// so the same facts give the same bytes apart from the run id and times.
// Bytes that are not UTF-8 (a file read from the host) become U+FFFD rather
// than aborting the report.
std::string render_json(const model::Report& report) {
  return model::to_json(report).dump(2, ' ', false, model::json::error_handler_t::replace) + "\n";
}

}  // namespace dockcis::report
