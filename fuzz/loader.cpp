// SPDX-License-Identifier: Apache-2.0
// The check, profile, tailoring and waiver files: what `dockcis validate` and
// `dockcis audit` read before collecting anything. Input: a check file, then
// (after "%%" lines) a profile file, a tailoring file and a waivers file. A
// catalogue that loads cleanly is audited against the golden facts with the
// tailoring and waivers, so fuzzed tests, patterns and parameters are
// evaluated too.
#include <cstddef>
#include <cstdint>

#include "engine/audit.hpp"
#include "fuzz_input.hpp"
#include "util/json_parse.hpp"

using namespace dockcis;

namespace {

// As util::read_json_file reads a tailoring or waivers file.
std::optional<model::json> parse(std::string_view text) {
  auto document = util::parse_json(text);
  if (!document) return std::nullopt;
  return std::move(*document);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::sections(data, size, 4);
  std::vector<engine::SourceFile> profiles;
  if (parts.size() > 1) profiles.emplace_back("profiles/fuzz.json", std::string(parts[1]));
  const auto loaded = engine::load_catalogue_from({{"checks/fuzz.json", std::string(parts[0])}}, profiles);
  if (!loaded.diagnostics.empty()) (void)engine::describe(loaded.diagnostics, "the check and profile files");

  auto settings = fuzz::fixed_settings();
  bool site_files_valid = true;
  if (parts.size() > 2) {
    const auto document = parse(parts[2]);
    auto tailoring = document ? engine::parse_tailoring(*document, "tailoring.json") : std::unexpected(engine::Diagnostics{});
    if (tailoring) settings.tailoring = std::move(*tailoring);
    else (void)engine::describe(tailoring.error(), "the tailoring file");
    site_files_valid = tailoring.has_value();
  }
  if (parts.size() > 3) {
    const auto document = parse(parts[3]);
    auto waivers = document ? engine::parse_waivers(*document, "waivers.json", size % 2 == 0)
                            : std::unexpected(engine::Diagnostics{});
    if (waivers) settings.waivers = std::move(*waivers);
    else (void)engine::describe(waivers.error(), "the waivers file");
    site_files_valid = site_files_valid && waivers.has_value();
  }
  if (loaded.diagnostics.empty() && !loaded.catalogue.profiles.empty() && site_files_valid) {
    (void)engine::audit(loaded.catalogue, fuzz::golden_facts(), settings);
  }
  return 0;
}
