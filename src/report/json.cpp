// SPDX-License-Identifier: Apache-2.0
#include "report/render.hpp"

namespace dockcis::report {

// Keys come out sorted (nlohmann's std::map) and results in profile order,
// so the same facts give the same bytes apart from the run id and times.
std::string render_json(const model::Report& report) { return model::to_json(report).dump(2) + "\n"; }

}  // namespace dockcis::report
