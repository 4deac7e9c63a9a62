// SPDX-License-Identifier: Apache-2.0
// A facts snapshot (`dockcis audit --facts FILE`): parsed, turned into a fact
// store, written back as `dockcis facts` writes it, and audited with the
// shipped catalogue.
#include <cstddef>
#include <cstdint>

#include "engine/audit.hpp"
#include "fuzz_input.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto facts = fuzz::facts_from_snapshot(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!facts) return 0;
  (void)facts->to_json().dump(2, ' ', false, model::json::error_handler_t::replace);
  (void)engine::audit(fuzz::shipped_catalogue(), *facts, fuzz::fixed_settings());
  return 0;
}
