// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "engine/operator_functions.hpp"
#include "util/strings.hpp"

namespace dockcis::engine::ops {

using model::State;

// Docker's Config.User is "user", "user:group", "uid" or "uid:gid"; empty means root.
OpOutcome op_not_root_user(const json& actual, const json&) {
  if (!actual.is_null() && !actual.is_string()) return cannot("not a user specification: " + actual.dump());
  const std::string spec = actual.is_string() ? actual.get<std::string>() : std::string();
  const std::string user = util::trim(util::split(spec, ':')[0]);
  return verdict(!user.empty() && user != "root" && user != "0");
}

static std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

OpOutcome op_none_under(const json& actual, const json& expected) {
  for (const auto& item : as_array(actual)) {
    if (!item.is_string()) continue;
    const auto path = without_trailing_slash(item.get<std::string>());
    for (const auto& dir_value : expected) {
      const auto dir = without_trailing_slash(dir_value.get<std::string>());
      const bool under = dir == "/" ? path == "/" : (path == dir || path.starts_with(dir + "/"));
      if (under) return {State::fail, path == dir ? path + " is mounted" : path + " is mounted, under " + dir};
    }
  }
  return verdict(true);
}

static std::string normal_capability(const json& value) {
  auto name = util::to_upper(value.is_string() ? value.get<std::string>() : value.dump());
  if (name.starts_with("CAP_")) name.erase(0, 4);
  return name;
}

static bool capability_listed(const json& list, const std::string& wanted) {
  return std::ranges::any_of(as_array(list), [&](const json& item) {
    const auto name = normal_capability(item);
    return name == "ALL" || name == wanted;
  });
}

OpOutcome op_caps_include(const json& actual, const json& expected) {
  return verdict(capability_listed(actual, normal_capability(expected)));
}
OpOutcome op_caps_subset_of(const json& actual, const json& expected) {
  for (const auto& item : as_array(actual)) {
    const auto name = normal_capability(item);
    if (!capability_listed(expected, name) || (name == "ALL" && !capability_listed(expected, "ALL"))) {
      return {State::fail, "capability " + name + " is not allowed"};
    }
  }
  return verdict(true);
}

// Port maps look like {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "81/tcp": null}.
template <typename Visit>
static std::optional<OpOutcome> each_binding(const json& ports, Visit visit) {
  if (ports.is_null()) return std::nullopt;
  if (!ports.is_object()) return cannot("not a port map: " + ports.dump());
  for (const auto& [container_port, bindings] : ports.items()) {
    if (!bindings.is_array()) continue;
    for (const auto& binding : bindings) {
      if (auto outcome = visit(container_port, binding)) return outcome;
    }
  }
  return std::nullopt;
}

OpOutcome op_no_wildcard_bindings(const json& actual, const json&) {
  auto found = each_binding(actual, [](const std::string& port, const json& binding) -> std::optional<OpOutcome> {
    const auto ip = binding.value("HostIp", std::string());
    if (ip.empty() || ip == "0.0.0.0" || ip == "::") {
      return OpOutcome{State::fail, port + " is published on all interfaces (" + (ip.empty() ? "\"\"" : ip) + ")"};
    }
    return std::nullopt;
  });
  return found ? *found : verdict(true);
}

OpOutcome op_host_ports_at_least(const json& actual, const json& expected) {
  const double minimum = expected.get<double>();
  auto found = each_binding(actual, [&](const std::string& port, const json& binding) -> std::optional<OpOutcome> {
    const auto host_port = as_number(binding.value("HostPort", json()));
    if (host_port && *host_port > 0 && *host_port < minimum) {
      return OpOutcome{State::fail, port + " is published on host port " + binding.value("HostPort", "")};
    }
    return std::nullopt;
  });
  return found ? *found : verdict(true);
}

// Privileged host ports (below 1024) are findings unless the site allows them.
OpOutcome op_privileged_ports_within(const json& actual, const json& expected) {
  auto found = each_binding(actual, [&](const std::string& port, const json& binding) -> std::optional<OpOutcome> {
    const auto host_port = as_number(binding.value("HostPort", json()));
    if (!host_port || *host_port <= 0 || *host_port >= 1024) return std::nullopt;
    const bool allowed = std::ranges::any_of(expected, [&](const json& item) {
      const auto number = as_number(item);
      return number && *number == *host_port;
    });
    if (allowed) return std::nullopt;
    return OpOutcome{State::fail, port + " is published on privileged host port " + binding.value("HostPort", "")};
  });
  return found ? *found : verdict(true);
}

}  // namespace dockcis::engine::ops
