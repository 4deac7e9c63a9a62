// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <expected>
#include <vector>

#include "engine/operator_functions.hpp"
#include "util/strings.hpp"

namespace dockcis::engine::ops {

using model::State;

// Whether a user part names root. runc reads a numeric one as Go's
// strconv.Atoi does (a sign, then digits), so "0000", "+0" and "-0" are uid 0.
static bool names_root(std::string_view user) {
  if (user.empty() || user == "root") return true;
  if (user.front() == '+' || user.front() == '-') user.remove_prefix(1);
  return !user.empty() && std::ranges::all_of(user, [](char c) { return c == '0'; });
}

// Docker's Config.User is "user", "user:group", "uid" or "uid:gid"; empty means root.
OpOutcome op_not_root_user(const json& actual, const json&) {
  if (!actual.is_null() && !actual.is_string()) return cannot("expected a user specification (a text), found " + type_of(actual));
  const std::string spec = actual.is_string() ? actual.get<std::string>() : std::string();
  return verdict(!names_root(util::trim(util::split(spec, ':')[0])));
}

static std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

OpOutcome op_none_under(const json& actual, const json& expected) {
  const auto items = as_array(actual);
  if (!items) return cannot("expected a path or a list of paths, found " + type_of(actual));
  for (const auto& item : *items) {
    if (!item.is_string()) return cannot("expected a path, found " + type_of(item));
    const auto path = without_trailing_slash(item.get<std::string>());
    for (const auto& dir_value : expected) {
      if (!dir_value.is_string()) continue;
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
  const auto items = as_array(list).value_or(json::array());
  return std::ranges::any_of(items, [&](const json& item) {
    const auto name = normal_capability(item);
    return name == "ALL" || name == wanted;
  });
}

// A capability list: null, a name or a list of names.
static std::optional<OpOutcome> not_capabilities(const json& actual) {
  const auto items = as_array(actual);
  if (!items) return cannot("expected a list of capabilities, found " + type_of(actual));
  for (const auto& item : *items) {
    if (!item.is_string()) return cannot("expected capability names, found " + type_of(item) + " among them");
  }
  return std::nullopt;
}

OpOutcome op_caps_include(const json& actual, const json& expected) {
  if (auto error = not_capabilities(actual)) return *error;
  const auto name = normal_capability(expected);
  return capability_listed(actual, name) ? verdict(true) : OpOutcome{State::fail, name + " is not among them"};
}
OpOutcome op_caps_subset_of(const json& actual, const json& expected) {
  if (auto error = not_capabilities(actual)) return *error;
  const auto items = as_array(actual);
  for (const auto& item : *items) {
    const auto name = normal_capability(item);
    if (!capability_listed(expected, name) || (name == "ALL" && !capability_listed(expected, "ALL"))) {
      return {State::fail, "capability " + name + " is not allowed"};
    }
  }
  return verdict(true);
}

// Port maps look like {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "81/tcp": null}.
struct Binding {
  std::string port;       ///< the container port, "80/tcp"
  std::string host_ip;    ///< "" when not given
  std::string host_port;  ///< as the engine wrote it, "" when not given
};

// Every binding of a port map, or why the map is not one.
static std::expected<std::vector<Binding>, OpOutcome> bindings_of(const json& ports) {
  std::vector<Binding> out;
  if (ports.is_null()) return out;
  if (!ports.is_object()) return std::unexpected(cannot("expected a port map, found " + type_of(ports)));
  for (const auto& [container_port, bindings] : ports.items()) {
    if (bindings.is_null()) continue;
    if (!bindings.is_array()) return std::unexpected(cannot(container_port + ": expected a list of bindings, found " + type_of(bindings)));
    for (const auto& binding : bindings) {
      const auto ip = binding.is_object() ? binding.find("HostIp") : json::const_iterator();
      const auto host_port = binding.is_object() ? binding.find("HostPort") : json::const_iterator();
      const bool ip_ok = binding.is_object() && (ip == binding.end() || ip->is_string() || ip->is_null());
      const bool port_ok = binding.is_object() && (host_port == binding.end() || host_port->is_string() || host_port->is_number() ||
                                                   host_port->is_null());
      if (!ip_ok || !port_ok) return std::unexpected(cannot(container_port + ": a binding is not {\"HostIp\": text, \"HostPort\": text}"));
      Binding entry{container_port, {}, {}};
      if (ip != binding.end() && ip->is_string()) entry.host_ip = ip->get<std::string>();
      if (host_port != binding.end() && !host_port->is_null()) {
        entry.host_port = host_port->is_string() ? host_port->get<std::string>() : host_port->dump();
      }
      // An unassigned port is ""; anything else must be a port number to be judged.
      if (!entry.host_port.empty() && !decimal_text(entry.host_port)) {
        return std::unexpected(cannot(container_port + ": a host port is not a port number"));
      }
      out.push_back(std::move(entry));
    }
  }
  return out;
}

OpOutcome op_no_wildcard_bindings(const json& actual, const json&) {
  const auto bindings = bindings_of(actual);
  if (!bindings) return bindings.error();
  for (const auto& binding : *bindings) {
    const auto& ip = binding.host_ip;
    if (ip.empty() || ip == "0.0.0.0" || ip == "::") {
      return {State::fail, binding.port + " is published on all interfaces (" + (ip.empty() ? "\"\"" : ip) + ")"};
    }
  }
  return verdict(true);
}

// A site's parameter may give a port as text ("--param" values are texts).
static std::optional<double> port_operand(const json& value) {
  return value.is_string() ? decimal_text(value.get_ref<const std::string&>()) : as_number(value);
}

OpOutcome op_host_ports_at_least(const json& actual, const json& expected) {
  const auto bindings = bindings_of(actual);
  if (!bindings) return bindings.error();
  const auto minimum = port_operand(expected).value_or(0);
  for (const auto& binding : *bindings) {
    const auto host_port = decimal_text(binding.host_port);
    if (host_port && *host_port > 0 && *host_port < minimum) {
      return {State::fail, binding.port + " is published on host port " + binding.host_port};
    }
  }
  return verdict(true);
}

// Privileged host ports (below 1024) are findings unless the site allows them.
OpOutcome op_privileged_ports_within(const json& actual, const json& expected) {
  const auto bindings = bindings_of(actual);
  if (!bindings) return bindings.error();
  for (const auto& binding : *bindings) {
    const auto host_port = decimal_text(binding.host_port);
    if (!host_port || *host_port <= 0 || *host_port >= 1024) continue;
    const bool allowed = std::ranges::any_of(expected, [&](const json& item) {
      const auto number = port_operand(item);
      return number && *number == *host_port;
    });
    if (!allowed) return {State::fail, binding.port + " is published on privileged host port " + binding.host_port};
  }
  return verdict(true);
}

}  // namespace dockcis::engine::ops
