// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/report.hpp"

// The JSON report (v2) states what repeats once: every container, image or
// network an instance result is about appears once in the report's
// "subjects", and each per-instance check lists the parts of its evidence
// that do not change from one instance to the next (fact, field, operator,
// expected value, label) once in its "probes". An instance names its subject
// and each evidence item its probe by position, and gives only its own value.
namespace dockcis::model {

/// The report's subjects in the order they first appear, results in report order.
/// It refers into the results it was made from.
class SubjectIndex {
 public:
  explicit SubjectIndex(std::span<const CheckResult> results);
  [[nodiscard]] std::size_t of(const CheckResult& result, const InstanceResult& instance) const;
  /// The "subjects" array.
  [[nodiscard]] json to_json() const;

 private:
  using Key = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>;  // collection, id, name, image
  // An audit's instances share one subject per container, image or network:
  // found by address, a repeat costs no string comparison. Equal subjects
  // at different addresses (a report read back) still share a position.
  using Shared = std::pair<const Subject*, std::string_view>;  // subject, collection
  struct SharedHash {
    std::size_t operator()(const Shared& shared) const {
      return std::hash<const Subject*>()(shared.first) ^ std::hash<std::string_view>()(shared.second);
    }
  };
  std::map<Key, std::size_t> positions_;
  std::unordered_map<Shared, std::size_t, SharedHash> by_address_;
  std::vector<Key> subjects_;
};

/// A result's probes: its instances' distinct probes in the order they are
/// first used, and the probe of every instance's every evidence item.
struct ProbeTable {
  std::vector<const Probe*> probes;
  std::vector<std::uint32_t> used;  ///< instance by instance, item by item
};
ProbeTable probe_table(const CheckResult& result);

}  // namespace dockcis::model
