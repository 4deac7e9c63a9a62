// SPDX-License-Identifier: Apache-2.0
#include "report/grouping.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "util/strings.hpp"

namespace dockcis::report {

using util::count_text;

std::vector<InstanceGroup> group_instances(const std::vector<model::InstanceResult>& instances,
                                           std::span<const model::State> states) {
  std::vector<InstanceGroup> groups;
  std::map<std::pair<model::State, std::string>, std::size_t> index;
  for (const auto& instance : instances) {
    if (std::ranges::find(states, instance.state) == states.end()) continue;
    const auto [at, added] = index.try_emplace({instance.state, instance.reason}, groups.size());
    if (added) groups.push_back({instance.state, instance.reason, {}});
    groups[at->second].members.push_back(&instance);
  }
  std::ranges::stable_sort(groups, [](const InstanceGroup& a, const InstanceGroup& b) { return a.members.size() > b.members.size(); });
  return groups;
}

std::string share_text(std::size_t count, std::size_t total, const std::string& noun) {
  const auto name = noun.empty() ? std::string("instance") : noun;
  return count_text(count) + " of " + count_text(total) + " " + name + (total == 1 ? "" : "s");
}

std::string member_names(const InstanceGroup& group, std::size_t limit) {
  const auto shown = limit == 0 ? group.members.size() : std::min(limit, group.members.size());
  std::string text;
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& member = *group.members[i];
    text += (i == 0 ? "" : ", ") + (member.name().empty() ? member.id().substr(0, 12) : member.name());
  }
  if (shown < group.members.size()) text += " ... and " + count_text(group.members.size() - shown) + " more";
  return text;
}

std::string rest_text(std::span<const InstanceGroup> rest, const std::string& noun) {
  std::size_t members = 0;
  for (const auto& group : rest) members += group.members.size();
  const auto name = noun.empty() ? std::string("instance") : noun;
  return "... and " + count_text(members) + " more " + name + (members == 1 ? "" : "s") + " for " + count_text(rest.size()) +
         " other reason" + (rest.size() == 1 ? "" : "s");
}

}  // namespace dockcis::report
