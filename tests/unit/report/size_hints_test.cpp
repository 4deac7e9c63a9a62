// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "report/render.hpp"
#include "report/size_hints.hpp"
#include "sample_report.hpp"

using namespace dockcis;
using model::json;

namespace {

// The sample with a thousand more containers on 5.5 and on a second check, as a busy host gives.
model::Report busy_report() {
  auto report = sample::long_report();
  auto& privileged = report.results[7];
  // Evidence names the kind of fact, as the engine's does.
  for (auto& instance : privileged.instances) {
    for (auto& item : instance.evidence) item = {"container.inspect", item.select(), item.actual, item.op(), item.expected(), item.label(), item.note};
  }
  for (int i = 0; i < 1000; ++i) {
    auto instance = privileged.instances[3 + i % 100];
    instance.subject = std::make_shared<const model::Subject>(
        model::Subject{"c0ffee" + std::to_string(200000 + i), "busy-" + std::to_string(i), instance.image()});
    privileged.instances.push_back(instance);
  }
  auto second = privileged;
  second.key = "container.second";
  report.results.push_back(second);
  return report;
}

std::size_t json_results_size(const model::Report& report) {
  return json::parse(report::render_json(report))["results"].dump(-1, ' ', false, json::error_handler_t::replace).size();
}

std::size_t rule_results_size(const model::Report& report) {
  const auto text = report::render_xccdf(report);
  const auto first = text.find("<rule-result ");
  const auto last = text.rfind("</rule-result>");
  return last - text.rfind('\n', first) + 14;
}

}  // namespace

TEST_CASE("size hints: the JSON results and the XCCDF rule-results within a quarter of their real size") {
  for (const auto& report : {sample::report(), busy_report()}) {
    const double json_ratio = static_cast<double>(report::json_results_size_hint(report)) / json_results_size(report);
    const double xccdf_ratio = static_cast<double>(report::xccdf_rule_results_size_hint(report)) / rule_results_size(report);
    CAPTURE(report.results[7].instances.size());
    MESSAGE("json ", json_ratio, " xccdf ", xccdf_ratio);
    CHECK(json_ratio > 0.75);
    CHECK(json_ratio < 1.25);
    CHECK(xccdf_ratio > 0.75);
    CHECK(xccdf_ratio < 1.25);
  }
}
