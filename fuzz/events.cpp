// SPDX-License-Identifier: Apache-2.0
// GET /events lines as `dockcis watch` reads them: each line of the input is
// parsed as one event (a JSON object with Type, Action and Actor.ID).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/docker/event_stream.hpp"

using namespace dockcis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  collect::EngineEvent event;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    (void)collect::parse_event(text.substr(0, newline), event);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return 0;
}
