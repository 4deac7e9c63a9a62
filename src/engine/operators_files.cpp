// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "engine/operator_functions.hpp"
#include "util/strings.hpp"

namespace dockcis::engine::ops {

using model::State;

static unsigned parse_octal(const json& operand) { return static_cast<unsigned>(std::stoul(operand.get<std::string>(), nullptr, 8)); }

// A host.file document or a bare mode; nullopt with a state when there is nothing to judge.
static std::optional<unsigned> file_mode(const json& actual, OpOutcome& otherwise) {
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
static std::optional<OpOutcome> each_file(const json& actual, const json& expected, Single single) {
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
static bool owner_part_matches(const json& file, const char* id_field, const char* name_field, const std::string& wanted) {
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

}  // namespace dockcis::engine::ops
