// SPDX-License-Identifier: Apache-2.0
#include "engine/operators.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <regex>

#include "util/strings.hpp"

namespace dockcis::engine {
namespace {

using model::State;

OpOutcome verdict(bool passed) { return {passed ? State::pass : State::fail, {}}; }
OpOutcome cannot(std::string message) { return {State::error, std::move(message)}; }

// The Engine API reports some booleans and numbers as strings (network
// Options), so equality coerces before comparing.
std::optional<bool> as_bool(const json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) {
    const auto text = util::to_lower(value.get<std::string>());
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
  }
  return std::nullopt;
}

std::optional<double> as_number(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (end && *end == '\0') return parsed;
  }
  return std::nullopt;
}

bool loosely_equal(const json& a, const json& b) {
  if (a == b) return true;
  if (a.is_boolean() || b.is_boolean()) {
    const auto x = as_bool(a), y = as_bool(b);
    return x && y && *x == *y;
  }
  if (a.is_number() || b.is_number()) {
    const auto x = as_number(a), y = as_number(b);
    return x && y && *x == *y;
  }
  return false;
}

json as_array(const json& value) {
  if (value.is_null()) return json::array();
  if (value.is_array()) return value;
  return json::array({value});
}

bool array_has(const json& array, const json& element) {
  return std::ranges::any_of(array, [&](const json& item) { return loosely_equal(item, element); });
}

OpOutcome op_eq(const json& actual, const json& expected) { return verdict(loosely_equal(actual, expected)); }
OpOutcome op_ne(const json& actual, const json& expected) { return verdict(!loosely_equal(actual, expected)); }
OpOutcome op_in(const json& actual, const json& expected) { return verdict(array_has(expected, actual)); }
OpOutcome op_not_in(const json& actual, const json& expected) { return verdict(!array_has(expected, actual)); }

OpOutcome op_contains(const json& actual, const json& expected) {
  if (actual.is_string() && expected.is_string()) {
    return verdict(actual.get_ref<const std::string&>().find(expected.get<std::string>()) != std::string::npos);
  }
  return verdict(array_has(as_array(actual), expected));
}
OpOutcome op_not_contains(const json& actual, const json& expected) {
  auto outcome = op_contains(actual, expected);
  return verdict(outcome.state == State::fail);
}

// Patterns come from the check catalogue (trusted); compile errors are caught at load.
std::optional<bool> any_matches(const json& actual, const json& pattern) {
  const std::regex re(pattern.get<std::string>(), std::regex::ECMAScript);
  for (const auto& item : as_array(actual)) {
    if (item.is_null()) continue;
    const std::string text = item.is_string() ? item.get<std::string>() : item.dump();
    if (std::regex_search(text, re)) return true;
  }
  return false;
}
OpOutcome op_matches(const json& actual, const json& expected) { return verdict(*any_matches(actual, expected)); }
OpOutcome op_not_matches(const json& actual, const json& expected) { return verdict(!*any_matches(actual, expected)); }

template <typename Compare>
OpOutcome numeric(const json& actual, const json& expected, Compare compare) {
  if (actual.is_null()) return verdict(false);
  const auto x = as_number(actual), y = as_number(expected);
  if (!x) return cannot("not a number: " + actual.dump());
  return verdict(compare(*x, *y));
}
OpOutcome op_lt(const json& a, const json& e) { return numeric(a, e, std::less<double>{}); }
OpOutcome op_le(const json& a, const json& e) { return numeric(a, e, std::less_equal<double>{}); }
OpOutcome op_gt(const json& a, const json& e) { return numeric(a, e, std::greater<double>{}); }
OpOutcome op_ge(const json& a, const json& e) { return numeric(a, e, std::greater_equal<double>{}); }
OpOutcome op_odd(const json& actual, const json&) {
  const auto x = as_number(actual);
  if (!x) return actual.is_null() ? verdict(false) : cannot("not a number: " + actual.dump());
  return verdict(std::fmod(std::fabs(*x), 2.0) == 1.0);
}

// "20.10.24+dfsg1" -> {20, 10, 24}; build metadata and suffixes are ignored.
std::vector<long> version_parts(const std::string& text) {
  std::vector<long> parts;
  long current = -1;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      current = (current < 0 ? 0 : current * 10) + (c - '0');
    } else if (c == '.') {
      parts.push_back(current < 0 ? 0 : current);
      current = -1;
    } else {
      break;
    }
  }
  if (current >= 0) parts.push_back(current);
  return parts;
}

int compare_versions(const std::string& a, const std::string& b) {
  auto x = version_parts(a), y = version_parts(b);
  const auto size = std::max(x.size(), y.size());
  x.resize(size, 0);
  y.resize(size, 0);
  return x < y ? -1 : (x == y ? 0 : 1);
}

OpOutcome op_version_ge(const json& actual, const json& expected) {
  if (!actual.is_string()) return cannot("not a version: " + actual.dump());
  return verdict(compare_versions(actual.get<std::string>(), expected.get<std::string>()) >= 0);
}
OpOutcome op_version_lt(const json& actual, const json& expected) {
  if (!actual.is_string()) return cannot("not a version: " + actual.dump());
  return verdict(compare_versions(actual.get<std::string>(), expected.get<std::string>()) < 0);
}

unsigned parse_octal(const json& operand) { return static_cast<unsigned>(std::stoul(operand.get<std::string>(), nullptr, 8)); }

// A host.file document or a bare mode; nullopt with a state when there is nothing to judge.
std::optional<unsigned> file_mode(const json& actual, OpOutcome& otherwise) {
  if (actual.is_object()) {
    if (!actual.value("exists", false)) {
      otherwise = {State::notapplicable, "file does not exist"};
      return std::nullopt;
    }
    if (!actual.contains("mode")) {
      otherwise = cannot("file document has no mode");
      return std::nullopt;
    }
    return actual.at("mode").get<unsigned>();
  }
  if (actual.is_number_unsigned() || actual.is_number_integer()) return actual.get<unsigned>();
  otherwise = actual.is_null() ? OpOutcome{State::notapplicable, "no such file"} : cannot("not a file mode: " + actual.dump());
  return std::nullopt;
}

// File operators also take an array of file documents (a directory tree):
// any failure fails, any error errors, an empty list is not applicable.
template <typename Single>
std::optional<OpOutcome> each_file(const json& actual, const json& expected, Single single) {
  if (!actual.is_array()) return std::nullopt;
  if (actual.empty()) return OpOutcome{State::notapplicable, "no files"};
  std::optional<OpOutcome> error;
  bool any_pass = false;
  for (const auto& file : actual) {
    auto outcome = single(file, expected);
    if (outcome.state == State::fail) {
      return OpOutcome{State::fail, file.value("path", std::string("a file")) + " has mode " + file.value("mode_octal", std::string("?")) +
                                        ", owner " + file.value("owner", json()).dump() + ":" + file.value("group", json()).dump()};
    }
    if (outcome.state == State::error) error = outcome;
    any_pass = any_pass || outcome.state == State::pass;
  }
  if (error) return error;
  return OpOutcome{any_pass ? State::pass : State::notapplicable, {}};
}

// "644 or more restrictive" is a bit mask, not a numeric comparison: 611 and 606 fail.
OpOutcome op_mode_at_most(const json& actual, const json& expected) {
  if (auto all = each_file(actual, expected, op_mode_at_most)) return *all;
  OpOutcome otherwise{State::error, {}};
  const auto mode = file_mode(actual, otherwise);
  if (!mode) return otherwise;
  return verdict((*mode & 07777 & ~parse_octal(expected)) == 0);
}
OpOutcome op_mode_is(const json& actual, const json& expected) {
  if (auto all = each_file(actual, expected, op_mode_is)) return *all;
  OpOutcome otherwise{State::error, {}};
  const auto mode = file_mode(actual, otherwise);
  if (!mode) return otherwise;
  return verdict((*mode & 07777) == parse_octal(expected));
}

// Root is compared by number (uid/gid 0); other names by the name the host resolves.
bool owner_part_matches(const json& file, const char* id_field, const char* name_field, const std::string& wanted) {
  if (wanted == "root" || wanted == "0") return file.value(id_field, -1) == 0;
  if (!wanted.empty() && std::ranges::all_of(wanted, [](char c) { return c >= '0' && c <= '9'; })) {
    return file.value(id_field, -1) == std::stol(wanted);
  }
  const auto name = file.find(name_field);
  return name != file.end() && name->is_string() && name->get<std::string>() == wanted;
}

OpOutcome op_owner_is(const json& actual, const json& expected) {
  if (auto all = each_file(actual, expected, op_owner_is)) return *all;
  if (actual.is_null() || (actual.is_object() && !actual.value("exists", false))) {
    return {State::notapplicable, "file does not exist"};
  }
  if (!actual.is_object() || !actual.contains("uid")) return cannot("not a file document: " + actual.dump());
  const auto spec = util::split(expected.get<std::string>(), ':');
  const bool user_ok = owner_part_matches(actual, "uid", "owner", spec[0]);
  const bool group_ok = spec.size() < 2 || owner_part_matches(actual, "gid", "group", spec[1]);
  return verdict(user_ok && group_ok);
}

OpOutcome op_exists(const json& actual, const json&) { return verdict(!actual.is_null()); }
OpOutcome op_not_exists(const json& actual, const json&) { return verdict(actual.is_null()); }
// json::empty() is false for every string, so strings are checked by length.
bool is_empty(const json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().empty();
  return value.is_null() || ((value.is_array() || value.is_object()) && value.empty());
}
OpOutcome op_empty(const json& actual, const json&) { return verdict(is_empty(actual)); }
OpOutcome op_not_empty(const json& actual, const json&) { return verdict(!is_empty(actual)); }

OpOutcome op_subset_of(const json& actual, const json& expected) {
  const auto items = as_array(actual);
  return verdict(std::ranges::all_of(items, [&](const json& item) { return array_has(expected, item); }));
}
OpOutcome op_has_keys(const json& actual, const json& expected) {
  if (actual.is_null()) return verdict(expected.empty());
  if (!actual.is_object()) return cannot("not an object: " + actual.dump());
  for (const auto& key : expected) {
    if (!actual.contains(key.get<std::string>())) return {State::fail, "no entry for " + key.get<std::string>()};
  }
  return verdict(true);
}
OpOutcome op_disjoint_with(const json& actual, const json& expected) {
  const auto items = as_array(actual);
  return verdict(std::ranges::none_of(items, [&](const json& item) { return array_has(expected, item); }));
}

// Docker's Config.User is "user", "user:group", "uid" or "uid:gid"; empty means root.
OpOutcome op_not_root_user(const json& actual, const json&) {
  if (!actual.is_null() && !actual.is_string()) return cannot("not a user specification: " + actual.dump());
  const std::string spec = actual.is_string() ? actual.get<std::string>() : std::string();
  const std::string user = util::trim(util::split(spec, ':')[0]);
  return verdict(!user.empty() && user != "root" && user != "0");
}

std::string without_trailing_slash(std::string path) {
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

std::string normal_capability(const json& value) {
  auto name = util::to_upper(value.is_string() ? value.get<std::string>() : value.dump());
  if (name.starts_with("CAP_")) name.erase(0, 4);
  return name;
}

bool capability_listed(const json& list, const std::string& wanted) {
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
std::optional<OpOutcome> each_binding(const json& ports, Visit visit) {
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

constexpr std::array kOperators{
    OperatorInfo{"eq", Operand::any, op_eq, "equal to"},
    OperatorInfo{"ne", Operand::any, op_ne, "not equal to"},
    OperatorInfo{"in", Operand::array, op_in, "one of"},
    OperatorInfo{"not_in", Operand::array, op_not_in, "none of"},
    OperatorInfo{"contains", Operand::any, op_contains, "contains"},
    OperatorInfo{"not_contains", Operand::any, op_not_contains, "does not contain"},
    OperatorInfo{"matches", Operand::regex, op_matches, "matches"},
    OperatorInfo{"not_matches", Operand::regex, op_not_matches, "does not match"},
    OperatorInfo{"lt", Operand::number, op_lt, "less than"},
    OperatorInfo{"le", Operand::number, op_le, "at most"},
    OperatorInfo{"gt", Operand::number, op_gt, "greater than"},
    OperatorInfo{"ge", Operand::number, op_ge, "at least"},
    OperatorInfo{"odd", Operand::none, op_odd, "an odd number"},
    OperatorInfo{"version_ge", Operand::string, op_version_ge, "version at least"},
    OperatorInfo{"version_lt", Operand::string, op_version_lt, "version below"},
    OperatorInfo{"mode_at_most", Operand::mode, op_mode_at_most, "mode at most"},
    OperatorInfo{"mode_is", Operand::mode, op_mode_is, "mode exactly"},
    OperatorInfo{"owner_is", Operand::string, op_owner_is, "owned by"},
    OperatorInfo{"exists", Operand::none, op_exists, "present"},
    OperatorInfo{"not_exists", Operand::none, op_not_exists, "absent"},
    OperatorInfo{"empty", Operand::none, op_empty, "empty"},
    OperatorInfo{"not_empty", Operand::none, op_not_empty, "not empty"},
    OperatorInfo{"subset_of", Operand::array, op_subset_of, "only from"},
    OperatorInfo{"disjoint_with", Operand::array, op_disjoint_with, "none of"},
    OperatorInfo{"has_keys", Operand::array, op_has_keys, "has entries for"},
    OperatorInfo{"not_root_user", Operand::none, op_not_root_user, "a user other than root"},
    OperatorInfo{"none_under", Operand::array, op_none_under, "no path at or under"},
    OperatorInfo{"caps_include", Operand::string, op_caps_include, "capabilities include"},
    OperatorInfo{"caps_subset_of", Operand::array, op_caps_subset_of, "capabilities only from"},
    OperatorInfo{"no_wildcard_bindings", Operand::none, op_no_wildcard_bindings, "every published port bound to a specific address"},
    OperatorInfo{"host_ports_at_least", Operand::number, op_host_ports_at_least, "host ports at least"},
    OperatorInfo{"privileged_ports_within", Operand::array, op_privileged_ports_within, "privileged host ports only from"},
};

}  // namespace

const OperatorInfo* find_operator(std::string_view name) {
  const auto found = std::ranges::find(kOperators, name, &OperatorInfo::name);
  return found == kOperators.end() ? nullptr : &*found;
}

std::vector<std::string> operator_names() {
  std::vector<std::string> names;
  for (const auto& op : kOperators) names.emplace_back(op.name);
  return names;
}

std::string check_operand(const OperatorInfo& op, const json& operand) {
  switch (op.operand) {
    case Operand::none: return operand.is_null() ? "" : "operator '" + std::string(op.name) + "' takes no value";
    case Operand::any: return "";
    case Operand::array: return operand.is_array() ? "" : "operator '" + std::string(op.name) + "' needs an array value";
    case Operand::string: return operand.is_string() ? "" : "operator '" + std::string(op.name) + "' needs a string value";
    case Operand::number: return operand.is_number() ? "" : "operator '" + std::string(op.name) + "' needs a number value";
    case Operand::mode: {
      if (!operand.is_string()) return "operator '" + std::string(op.name) + "' needs an octal string such as \"644\"";
      const auto& text = operand.get_ref<const std::string&>();
      const bool octal = !text.empty() && text.size() <= 4 && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '7'; });
      return octal ? "" : "'" + text + "' is not an octal mode such as \"644\"";
    }
    case Operand::regex:
      if (!operand.is_string()) return "operator '" + std::string(op.name) + "' needs a regular expression string";
      try {
        std::regex(operand.get<std::string>(), std::regex::ECMAScript);
      } catch (const std::regex_error& error) {
        return "invalid regular expression: " + std::string(error.what());
      }
      return "";
  }
  return "";
}

}  // namespace dockcis::engine
