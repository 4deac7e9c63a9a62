// SPDX-License-Identifier: Apache-2.0
// Every renderer fed a report built from arbitrary facts: snapshot bytes ->
// fact store -> audit as dockcis audit runs it (engine::audit_releasing; the
// snapshot target runs engine::audit) -> report::render_into in each format,
// as reports are written to files, in pieces whose size comes from the input.
// One format, chosen by the input's length, is also rendered whole: the
// pieces must join to the same bytes. One audit feeds all six renderers, so
// each gets six times the inputs per second it would get from a target of
// its own; a finding's stack names the renderer. The render options come
// from the input's length, so every combination is reached without a format
// of its own.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/audit.hpp"
#include "fuzz_input.hpp"
#include "report/render.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto facts = fuzz::facts_from_snapshot(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!facts) return 0;
  auto settings = fuzz::fixed_settings();
  // One report in eight holds every check, the others one section of the
  // benchmark (1 to 7), chosen by the input's length: a report of every
  // check is about a megabyte in the six formats, and the renderers meet the
  // same shapes of result in any section, so most inputs cost a fraction.
  if (const auto section = (size >> 3U) % 8; section != 0) settings.only = {std::to_string(section)};
  const auto report = engine::audit_releasing(fuzz::shipped_catalogue(), *facts, settings);
  if (!report) return 0;
  report::RenderOptions options;
  options.color = (size & 1U) != 0;
  options.verbose = (size & 2U) != 0;
  options.junit_per_instance = (size & 4U) != 0;
  const std::size_t chunk = 1 + size % 4096;
  const std::array formats{report::Format::text,  report::Format::json,  report::Format::html,
                           report::Format::junit, report::Format::xccdf, report::Format::sarif};
  // One buffer for every format and input, kept at its largest: a string
  // grown afresh to each report's size spent a tenth of the target's time
  // in reallocation, page faults and ASan's unmapping of large blocks.
  static std::string joined;
  for (const auto format : formats) {
    joined.clear();
    report::render_into(*report, format, options, [&](std::string_view piece) { joined += piece; }, chunk);
    if (format == formats[size % formats.size()] && joined != report::render(*report, format, options)) __builtin_trap();
  }
  return 0;
}
