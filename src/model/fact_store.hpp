// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dockcis::model {

using json = nlohmann::json;

/// Why a fact could not be observed. "Not found" is not unavailable: a missing
/// file is a value ({"exists": false}); permission denied, a dead daemon or a
/// malformed answer are unavailable, and a check reading them gives `error`.
struct Unavailable {
  std::string reason;
};

using Fact = std::expected<json, Unavailable>;

/// Every fact collected in one run, keyed by fact key. Collected once, read by
/// every check, serialisable so a snapshot can be evaluated without the host.
///
/// Fact keys (see man/dockcis-checks.5 for the full list):
///   engine.version, engine.info, engine.containers, engine.images,
///   engine.networks, engine.swarm           documents from the Engine API
///   container/<id>/inspect, container/<id>/processes,
///   image/<id>/inspect, image/<id>/history, network/<id>/inspect
///   daemon.config, daemon.units             effective dockerd configuration
///   host.file:<path>, host.tree:<path>, host.mount:<path>,
///   host.audit:<path>, host.group:<name>, host.kernel, host.identity
/// A <path> may be a target such as ${unit:docker.service}; the collector
/// resolves it and records the resolved path in the value.
class FactStore {
 public:
  void set(std::string key, Fact fact);
  /// nullptr when the fact was never collected (a planning error, not a host state).
  [[nodiscard]] const Fact* find(std::string_view key) const;
  [[nodiscard]] const std::map<std::string, Fact, std::less<>>& all() const { return facts_; }

  /// Free-form run metadata kept with a snapshot (tool version, collection time).
  json meta = json::object();

  [[nodiscard]] json to_json() const;
  static std::expected<FactStore, std::string> from_json(const json& document);

 private:
  std::map<std::string, Fact, std::less<>> facts_;
};

inline constexpr std::string_view kFactsSchema = "dockcis.facts/v1";

/// Key of a per-instance fact: instance_key("container", id, "inspect") ->
/// "container/<id>/inspect".
std::string instance_key(std::string_view collection, std::string_view id, std::string_view field);

}  // namespace dockcis::model
