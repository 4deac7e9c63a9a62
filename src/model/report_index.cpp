// SPDX-License-Identifier: Apache-2.0
#include "model/report_index.hpp"

namespace dockcis::model {
namespace {

bool same_probe(const Probe& a, const Probe& b) {
  return &a == &b || (a.fact == b.fact && a.select == b.select && a.op == b.op && a.label == b.label && a.expected == b.expected);
}

}  // namespace

SubjectIndex::SubjectIndex(std::span<const CheckResult> results) {
  for (const auto& result : results) {
    for (const auto& instance : result.instances) {
      const Shared shared{instance.subject.get(), result.collection};
      if (by_address_.contains(shared)) continue;
      const Key key{result.collection, instance.id(), instance.name(), instance.image()};
      const auto [at, added] = positions_.try_emplace(key, subjects_.size());
      if (added) subjects_.push_back(key);
      by_address_.emplace(shared, at->second);
    }
  }
}

std::size_t SubjectIndex::of(const CheckResult& result, const InstanceResult& instance) const {
  if (const auto found = by_address_.find({instance.subject.get(), result.collection}); found != by_address_.end()) return found->second;
  return positions_.at(Key{result.collection, instance.id(), instance.name(), instance.image()});
}

json SubjectIndex::to_json() const {
  json out = json::array();
  for (const auto& [collection, id, name, image] : subjects_) {
    out.push_back({{"collection", collection}, {"id", id}, {"name", name}, {"image", image}});
  }
  return out;
}

ProbeTable probe_table(const CheckResult& result) {
  ProbeTable table;
  for (const auto& instance : result.instances) {
    for (const auto& item : instance.evidence) {
      // A check's probes come from its own predicates, a handful, mostly
      // shared by pointer: a linear search, whatever the host holds.
      std::uint32_t at = 0;
      while (at < table.probes.size() && !same_probe(*table.probes[at], *item.probe)) ++at;
      if (at == table.probes.size()) table.probes.push_back(item.probe.get());
      table.used.push_back(at);
    }
  }
  return table;
}

}  // namespace dockcis::model
