// SPDX-License-Identifier: Apache-2.0
#include "engine/score.hpp"

namespace dockcis::engine {
namespace {

void count_into(model::Tally& tally, model::State state) {
  if (state == model::State::pass) ++tally.pass;
  else if (state == model::State::fail) ++tally.fail;
  else if (state == model::State::error) ++tally.error;
}

}  // namespace

model::Summary score(const std::vector<model::CheckResult>& results,
                     const std::vector<model::State>& states_before_waivers) {
  model::Summary summary;
  for (model::State state : model::kAllStates) summary.counts[state] = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& result = results[i];
    ++summary.counts[result.state];
    count_into(summary.total, result.state);
    count_into(summary.before_waivers, i < states_before_waivers.size() ? states_before_waivers[i] : result.state);
    if (result.state != model::State::notselected) {
      count_into(summary.by_section[result.section], result.state);
      count_into(summary.by_level[result.level], result.state);
    }
    if (result.state == model::State::fail) ++summary.failed_by_severity[result.severity];
  }
  // XCCDF default model: each section's score is the mean of its scored
  // rules; the benchmark score the mean of the sections that scored anything.
  double sum = 0;
  int sections = 0;
  for (const auto& [id, tally] : summary.by_section) {
    if (tally.pass + tally.fail + tally.error == 0) continue;
    sum += tally.percent();
    ++sections;
  }
  summary.xccdf_default = sections == 0 ? 100.0 : sum / sections;
  summary.flat_score = summary.total.pass;
  summary.flat_max = summary.total.pass + summary.total.fail + summary.total.error;
  return summary;
}

}  // namespace dockcis::engine
