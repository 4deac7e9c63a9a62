// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dockcis::model {

/// Where a kind of fact is read from.
enum class FactSource { engine_api, host };

/// What follows the kind's name in a fact key ("host.file:/etc/docker").
enum class FactArgument { none, path, group };

/// One kind of fact: the registry row that the loader validates check files
/// against, the planner plans from, the collectors are dispatched by, and
/// `explain` and dockcis-checks(5) list.
/// A field of a trimmed per-instance document (container.inspect,
/// image.inspect) that a derived kind's collector reads.
struct FieldRead {
  std::string_view fact;     ///< "container.inspect"
  std::string_view pointer;  ///< "/Image"
};

/// The JSON type of every document of a kind: its collector writes no other.
enum class DocumentShape { object, list };

struct FactKind {
  std::string_view name;         ///< "engine.info", "host.file" (keys "host.file:PATH"), "container.inspect"
  FactArgument argument = FactArgument::none;
  std::string_view instance_of;  ///< "container", "image", "network": one fact per instance, keyed "container/<id>/inspect"
  FactSource source = FactSource::host;
  bool always = false;           ///< collected on every run: the report's host and engine identity
  std::array<std::string_view, 3> depends{};  ///< kinds this kind's collector reads (collected first)
  std::string_view description;
  /// The document lists only what is set (daemon.config's options): an absent
  /// field means "not set". In every other document an absent field a check
  /// reads is an error.
  bool sparse = false;
  /// Fields of the trimmed documents this kind's collector reads: inspect
  /// documents are cut down to what is read as they arrive, before derived
  /// kinds are collected from them.
  std::array<FieldRead, 2> reads{};
  DocumentShape shape = DocumentShape::object;
};

/// A collection a check can run over (`"for_each"`): the list fact it walks
/// and the instance kind of its entries.
struct Collection {
  std::string_view name;       ///< "containers"
  std::string_view list_fact;  ///< "engine.containers"
  std::string_view instance;   ///< "container"
  bool running_only = false;   ///< containers that run (container_running())
  std::string_view description;
};

/// The registry, in the order facts are listed to users.
std::span<const FactKind> fact_kinds();
std::span<const Collection> collections();

/// The kind of a kind name ("host.file") or of a fact as checks write it
/// ("host.file:/etc/docker", "container.inspect"); nullptr when unknown.
const FactKind* find_fact_kind(std::string_view fact);
const Collection* find_collection(std::string_view name);

/// "host.file:/etc/x" -> "host.file"; "engine.info" -> "engine.info".
std::string_view kind_name_of(std::string_view fact);
/// "container.inspect" -> "inspect": the field of a per-instance fact key.
std::string_view instance_field(const FactKind& kind);
/// The kind of a stored fact key, per-instance keys included ("container/<id>/inspect").
const FactKind* kind_of_key(std::string_view key);

/// `facts` with every fact their kinds depend on, transitively (generic names
/// such as "engine.info" for the dependencies).
std::set<std::string> with_dependencies(const std::set<std::string>& facts);

/// Kind names in dependency order: a kind comes after every kind it depends on;
/// otherwise in registry order.
std::vector<std::string_view> collection_order(const std::set<std::string_view>& kinds);

}  // namespace dockcis::model
