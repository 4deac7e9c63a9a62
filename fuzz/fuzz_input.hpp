// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit.hpp"
#include "engine/loader.hpp"
#include "model/fact_store.hpp"

// What the fuzz targets share: how one input holds several files, the
// shipped catalogue and the golden facts, read once per process.
namespace dockcis::fuzz {

/// Separates the files of one input ("check file %% profile file"): a line
/// of its own, so the seeds stay readable and mutations can add or drop one.
inline constexpr std::string_view kSeparator = "\n%%\n";

/// The parts of an input between separators, at most `max_parts` (the last
/// part keeps any further separators).
std::vector<std::string_view> sections(const std::uint8_t* data, std::size_t size, std::size_t max_parts);

/// checks/ and profiles/ of the source tree, loaded and validated once.
const engine::Catalogue& shipped_catalogue();

/// tests/golden/facts/known-host.json, read once.
const model::FactStore& golden_facts();

/// Facts from snapshot bytes, as `dockcis audit --facts` reads them; nullopt
/// when the bytes are not a snapshot (a clean rejection, not a finding).
std::optional<model::FactStore> facts_from_snapshot(std::string_view bytes);

/// Settings of an unattended audit with a fixed run id and clock, so a
/// finding replays byte for byte.
engine::AuditSettings fixed_settings();

}  // namespace dockcis::fuzz
