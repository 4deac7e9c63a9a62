// SPDX-License-Identifier: Apache-2.0
#include "model/unavailable.hpp"

#include <array>
#include <utility>

namespace dockcis::model {
namespace {

constexpr std::array<std::pair<ErrorKind, std::string_view>, 12> kNames{{
    {ErrorKind::permission_denied, "permission_denied"},
    {ErrorKind::not_found, "not_found"},
    {ErrorKind::unreachable, "unreachable"},
    {ErrorKind::daemon_error, "daemon_error"},
    {ErrorKind::malformed_answer, "malformed_answer"},
    {ErrorKind::invalid_file, "invalid_file"},
    {ErrorKind::timed_out, "timed_out"},
    {ErrorKind::too_large, "too_large"},
    {ErrorKind::not_visible, "not_visible"},
    {ErrorKind::not_collected, "not_collected"},
    {ErrorKind::refused, "refused"},
    {ErrorKind::other, "other"},
}};

}  // namespace

std::string_view to_string(ErrorKind kind) {
  for (const auto& [value, name] : kNames) {
    if (value == kind) return name;
  }
  return "other";
}

std::optional<ErrorKind> parse_error_kind(std::string_view name) {
  for (const auto& [value, text] : kNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace dockcis::model
