// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "model/report.hpp"

// Many instances, one finding: the instances of a check that end in the same
// state for the same reason, reported together.
namespace dockcis::report {

struct InstanceGroup {
  model::State state = model::State::fail;
  std::string reason;
  std::vector<const model::InstanceResult*> members;
};

/// The instances in one of `states`, grouped by state and reason; the largest
/// group first, then in the order the instances come.
std::vector<InstanceGroup> group_instances(const std::vector<model::InstanceResult>& instances,
                                           std::span<const model::State> states);

/// "2 of 3 containers" for a group of a check over `total` instances of `noun`.
std::string share_text(std::size_t count, std::size_t total, const std::string& noun);

/// The members' names, at most `limit` of them (0: all): "a, b, c ... and 1,002 more".
std::string member_names(const InstanceGroup& group, std::size_t limit);

/// The groups a report leaves out, in one phrase: "... and 107 more containers for 98 other reasons".
std::string rest_text(std::span<const InstanceGroup> rest, const std::string& noun);

}  // namespace dockcis::report
