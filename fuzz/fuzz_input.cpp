// SPDX-License-Identifier: Apache-2.0
#include "fuzz_input.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "config.h"
#include "collect/snapshot_lists.hpp"
#include "util/input_file.hpp"
#include "util/json_parse.hpp"

namespace dockcis::fuzz {
namespace {

constexpr std::size_t kMaxDataFile = 16UL * 1024 * 1024;

// A broken source tree makes every run meaningless: stop at once.
[[noreturn]] void give_up(const std::string& message) {
  std::cerr << "fuzz: " << message << "\n";
  std::abort();
}

std::vector<engine::SourceFile> json_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::ranges::sort(paths);
  std::vector<engine::SourceFile> files;
  for (const auto& path : paths) {
    auto text = util::read_input_file(path.string(), kMaxDataFile);
    if (!text) give_up(text.error());
    files.emplace_back(path.string(), std::move(*text));
  }
  return files;
}

}  // namespace

std::vector<std::string_view> sections(const std::uint8_t* data, std::size_t size, std::size_t max_parts) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const auto at = rest.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(rest.substr(0, at));
    rest.remove_prefix(at + kSeparator.size());
  }
  parts.push_back(rest);
  return parts;
}

const engine::Catalogue& shipped_catalogue() {
  static const engine::Catalogue catalogue = [] {
    const std::filesystem::path source(DOCKCIS_SOURCE_DIR);
    auto loaded = engine::load_catalogue_from(json_files(source / "checks"), json_files(source / "profiles"));
    if (!loaded.diagnostics.empty()) give_up(engine::describe(loaded.diagnostics, "the shipped catalogue"));
    return std::move(loaded.catalogue);
  }();
  return catalogue;
}

const model::FactStore& golden_facts() {
  static const model::FactStore facts = [] {
    const auto path = std::string(DOCKCIS_SOURCE_DIR) + "/tests/golden/facts/known-host.json";
    const auto document = util::read_json_file(path, "facts snapshot", kMaxDataFile);
    if (!document) give_up(document.error());
    auto store = model::FactStore::from_json(*document);
    if (!store) give_up(store.error());
    return std::move(*store);
  }();
  return facts;
}

std::optional<model::FactStore> facts_from_snapshot(std::string_view bytes) {
  // As cli::read_snapshot reads the file's text: a parse error is a clean rejection.
  auto document = util::parse_json(bytes);
  if (!document) return std::nullopt;
  auto store = model::FactStore::from_json(std::move(*document), model::FactStore::Text::valid_utf8);
  if (!store) return std::nullopt;
  collect::screen_snapshot_lists(*store, {});
  return std::move(*store);
}

engine::AuditSettings fixed_settings() {
  engine::AuditSettings settings;
  settings.run_id = "00000000-0000-4000-8000-000000000000";
  settings.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1767225600)); };
  return settings;
}

}  // namespace dockcis::fuzz
