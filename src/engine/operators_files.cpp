// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <charconv>

#include "engine/messages.hpp"
#include "engine/operator_functions.hpp"
#include "util/strings.hpp"
#include "util/json_access.hpp"

namespace dockcis::engine::ops {

using model::State;

// "644" -> 0644; the loader checked a literal operand, a parameter is checked here.
static std::optional<unsigned> parse_octal(const json& operand) {
  if (!operand.is_string()) return std::nullopt;
  const auto& text = operand.get_ref<const std::string&>();
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 8);
  if (text.empty() || text.size() > 4 || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Whether a host.file document says the file exists; nullopt when it does not say it in a boolean.
static std::optional<bool> exists_in(const json& document) {
  const auto exists = document.find("exists");
  if (exists == document.end() || !exists->is_boolean()) return std::nullopt;
  return exists->get<bool>();
}

static std::optional<unsigned> mode_value(const json& value) {
  if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 07777) return std::nullopt;
  return static_cast<unsigned>(value.get<long long>());
}

// A host.file document or a bare mode; nullopt with a state when there is nothing to judge.
static std::optional<unsigned> file_mode(const json& actual, OpOutcome& otherwise) {
  if (actual.is_object()) {
    const auto exists = exists_in(actual);
    if (!exists) {
      otherwise = cannot("a file document without \"exists\": true or false");
      return std::nullopt;
    }
    if (!*exists) {
      otherwise = {State::notapplicable, "file does not exist"};
      return std::nullopt;
    }
    const auto mode = actual.find("mode");
    const auto value = mode == actual.end() ? std::nullopt : mode_value(*mode);
    if (!value) otherwise = cannot("file document has no mode between 0 and 7777");
    return value;
  }
  if (const auto mode = mode_value(actual)) return mode;
  otherwise = actual.is_null() ? OpOutcome{State::notapplicable, "no such file"} : cannot("not a file mode: " + type_of(actual));
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
    // A list names the files that are there, each described: an entry that
    // is not a file document, or says its file does not exist, is a tree not
    // seen (an error, unless another file fails for certain).
    if (!file.is_object() || exists_in(file) == false) {
      if (!error) error = cannot(file.is_object() ? "a listed file that does not exist: the list is not the tree's"
                                                  : "expected file documents, found " + type_of(file) + " in the list");
      continue;
    }
    auto outcome = single(file, expected);
    if (outcome.state == State::fail) {
      return OpOutcome{State::fail, util::get_or(file, "path", std::string("a file")) + " (" + render_value(file) + ")"};
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
  const auto limit = parse_octal(expected);
  if (!limit) return cannot("expected an octal mode such as \"644\"");
  return verdict((*mode & 07777 & ~*limit) == 0);
}
OpOutcome op_mode_is(const json& actual, const json& expected) {
  if (auto all = each_file(actual, expected, op_mode_is)) return *all;
  OpOutcome otherwise{State::error, {}};
  const auto mode = file_mode(actual, otherwise);
  if (!mode) return otherwise;
  const auto wanted = parse_octal(expected);
  if (!wanted) return cannot("expected an octal mode such as \"400\"");
  return verdict((*mode & 07777) == *wanted);
}

// Root is compared by number (uid/gid 0); other names by the name the host resolves.
static bool owner_part_matches(const json& file, const char* id_field, const char* name_field, const std::string& wanted) {
  if (wanted == "root" || wanted == "0") return util::get_or(file, id_field, -1) == 0;
  if (!wanted.empty() && std::ranges::all_of(wanted, [](char c) { return c >= '0' && c <= '9'; })) {
    return wanted.size() < 10 && util::get_or(file, id_field, -1L) == std::stol(wanted);
  }
  const auto name = file.find(name_field);
  return name != file.end() && name->is_string() && name->get<std::string>() == wanted;
}

OpOutcome op_owner_is(const json& actual, const json& expected) {
  if (auto all = each_file(actual, expected, op_owner_is)) return *all;
  if (actual.is_null()) return {State::notapplicable, "file does not exist"};
  const auto exists = actual.is_object() ? exists_in(actual) : std::nullopt;
  if (!exists) return cannot("not a file document: " + type_of(actual));
  if (!*exists) return {State::notapplicable, "file does not exist"};
  if (!actual.contains("uid") || !actual.at("uid").is_number_integer()) return cannot("file document has no numeric uid");
  if (!expected.is_string()) return cannot("expected an owner such as \"root:root\"");
  const auto spec = util::split(expected.get<std::string>(), ':');
  const bool user_ok = owner_part_matches(actual, "uid", "owner", spec[0]);
  const bool group_ok = spec.size() < 2 || owner_part_matches(actual, "gid", "group", spec[1]);
  return verdict(user_ok && group_ok);
}

}  // namespace dockcis::engine::ops
