// SPDX-License-Identifier: Apache-2.0
// Every renderer fed a report built from arbitrary facts: snapshot bytes ->
// fact store -> audit with the shipped catalogue -> report::render in each
// format. One audit feeds all five renderers, so each gets five times the
// inputs per second it would get from a target of its own; a finding's stack
// names the renderer. The render options come from the input's length, so
// every combination is reached without a format of its own.
#include <cstddef>
#include <cstdint>

#include "engine/audit.hpp"
#include "fuzz_input.hpp"
#include "report/render.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto facts = fuzz::facts_from_snapshot(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!facts) return 0;
  const auto report = engine::audit(fuzz::shipped_catalogue(), *facts, fuzz::fixed_settings());
  if (!report) return 0;
  report::RenderOptions options;
  options.color = (size & 1U) != 0;
  options.verbose = (size & 2U) != 0;
  options.junit_per_instance = (size & 4U) != 0;
  for (const auto format : {report::Format::text, report::Format::json, report::Format::html, report::Format::junit,
                            report::Format::xccdf}) {
    (void)report::render(*report, format, options);
  }
  return 0;
}
