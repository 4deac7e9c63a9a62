// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <optional>
#include <algorithm>
#include <cassert>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "collect/list_caps.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_store.hpp"
#include "model/fields_read.hpp"

namespace dockcis::collect {

class HostRoot;
class EngineSession;

/// What collection reads: the audited host's files and its engine.
struct Sources {
  const HostRoot* root = nullptr;
  EngineSession* engine = nullptr;  ///< nullptr when the run reads no Engine API fact
  std::string socket_path;          ///< the Engine API socket the run reads (targets name it)
  std::string self_container_id;    ///< dockcis' own container, left out of the container list
  /// The run's deadline (--deadline): host kinds not started by then are not read.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  /// The parts of per-instance documents the checks read; nullptr keeps them whole.
  const model::FieldsRead* fields = nullptr;
  /// The most containers, images and networks one audit reads.
  ListCaps list_caps;
};

/// The facts a collector may read: those of the kinds its registry row
/// depends on, collected before it. Anything else is a programming error.
/// What `store` lacks is looked up in `earlier`, a previous collection
/// (watch mode derives one container's kinds over the last full audit's
/// image list without copying it).
class Dependencies {
 public:
  Dependencies(const model::FactStore& store, const model::FactKind& kind, const model::FactStore* earlier = nullptr)
      : store_(store), earlier_(earlier), kind_(kind) {}

  /// nullptr when the fact was not collected.
  [[nodiscard]] const model::Fact* find(std::string_view key) const {
    assert(declared(key) && "a collector read a fact its registry row does not depend on");
    if (!declared(key)) return nullptr;
    const auto* fact = store_.find(key);
    return fact == nullptr && earlier_ != nullptr ? earlier_->find(key) : fact;
  }
  /// The value, or nullptr when it was not collected or could not be read.
  [[nodiscard]] const model::json* value(std::string_view key) const {
    const auto* fact = find(key);
    return fact != nullptr && *fact ? &**fact : nullptr;
  }

 private:
  [[nodiscard]] bool declared(std::string_view key) const {
    const auto* kind = model::kind_of_key(key);
    return kind != nullptr && std::ranges::find(kind_.depends, kind->name) != kind_.depends.end();
  }
  const model::FactStore& store_;
  const model::FactStore* earlier_;
  const model::FactKind& kind_;
};

/// The kinds one collection reads, each with its planned arguments.
using PlannedKinds = std::map<std::string_view, std::vector<std::string>>;

/// One collector call: every planned fact of one kind.
struct FactRequest {
  const model::FactKind& kind;
  std::vector<std::string> arguments;  ///< argument kinds: every planned argument ("/etc/docker", "${docker_root}")
  Dependencies deps;
  Sources& sources;
  /// Every kind of the collection this call is part of; nullptr when the kind is collected alone.
  const PlannedKinds* planned = nullptr;

  /// Whether `other` is read in the same collection, so this collector may read its documents on the way.
  [[nodiscard]] bool plans(std::string_view other) const { return planned != nullptr && planned->contains(other); }
};

/// Reads every fact the request asks for into `out`. Never fails as a whole:
/// what cannot be read is stored as unavailable, with its kind and reason.
using Collector = void (*)(const FactRequest& request, model::FactStore& out);

}  // namespace dockcis::collect
