// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

// Compact JSON text, byte for byte what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes, without its cost:
// text that is valid UTF-8 (all of it, from the fact store on) is scanned
// once and copied in runs, and nesting is walked with a stack of its own
// rather than by recursion.
namespace dockcis::util {

/// A JSON string: quoted, escaped; bytes that are not UTF-8 become U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// Any JSON value, compact.
void append_json(std::string& out, const nlohmann::json& value);

}  // namespace dockcis::util
