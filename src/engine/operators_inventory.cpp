// SPDX-License-Identifier: Apache-2.0
// Operators over host inventories: the sockets dockerd listens on (CIS 7.2)
// and the engine's version against the catalogue's release table (CIS 1.2.2).
#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

#include "engine/operator_functions.hpp"
#include "util/json_access.hpp"
#include "util/strings.hpp"

namespace dockcis::engine::ops {
namespace {

using model::State;

std::string text_of(const json& object, std::string_view field) { return util::get_or(object, field, std::string()); }

// "0.0.0.0:2377/tcp", "[::]:7946/tcp".
std::string endpoint(const json& socket) {
  const auto address = text_of(socket, "address");
  const bool v6 = text_of(socket, "family") == "ipv6";
  const auto port = util::get_or(socket, "port", json()).dump();
  const auto protocol = util::get_or(socket, "protocol", std::string("tcp"));
  return (v6 ? "[" + std::string(address == "0:0:0:0:0:0:0:0" ? "::" : address) + "]" : address) + ":" + port + "/" + protocol;
}

// Held by dockerd, or by nobody we can see (the kernel's VXLAN socket, a
// descriptor not read, a process whose name could not be read: null).
std::optional<std::string> swarm_owner(const json& socket) {
  const auto processes = util::get_or(socket, "processes", json::array());
  if (!processes.is_array() || processes.empty()) return std::string("owner not visible");
  bool unnamed = false;
  for (const auto& process : processes) {
    if (text_of(process, "comm") == "dockerd") return std::string("dockerd");
    unnamed = unnamed || process["comm"].is_null();
  }
  if (unnamed) return std::string("owner not visible");
  return std::nullopt;
}

// "28.5.2+dfsg1" -> {28, 5, 2}; at most four parts of at most nine digits.
std::vector<long> version_numbers(const std::string& text) {
  std::vector<long> parts;
  std::size_t at = 0;
  while (at < text.size() && parts.size() < 4) {
    std::size_t end = at;
    while (end < text.size() && end - at < 9 && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == at) break;
    parts.push_back(std::stol(text.substr(at, end - at)));
    if (end >= text.size() || text[end] != '.') break;
    at = end + 1;
  }
  return parts;
}

bool version_below(const std::string& a, const std::string& b) {
  auto x = version_numbers(a), y = version_numbers(b);
  x.resize(4, 0);
  y.resize(4, 0);
  return x < y;
}

// "29" holds every 29.y.z; "26.1" only 26.1.z.
bool in_cycle(const std::vector<long>& version, const std::string& cycle) {
  const auto parts = version_numbers(cycle);
  return !parts.empty() && version.size() >= parts.size() && std::equal(parts.begin(), parts.end(), version.begin());
}

std::optional<std::chrono::sys_days> day_of(const std::string& date) {
  const auto parts = util::split(date, '-');
  if (date.size() != 10 || parts.size() != 3) return std::nullopt;
  const auto numbers = version_numbers(parts[0] + "." + parts[1] + "." + parts[2]);
  if (numbers.size() != 3) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year(static_cast<int>(numbers[0])),
                                        std::chrono::month(static_cast<unsigned>(numbers[1])),
                                        std::chrono::day(static_cast<unsigned>(numbers[2]))};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days(day);
}

OpOutcome outcome(State state, std::string message) { return {state, std::move(message)}; }

// A distribution's own build (Debian's docker.io: "20.10.24+dfsg1") is supported as long as the distribution supports it.
std::optional<OpOutcome> distribution_verdict(const std::string& version, const json& table, const std::string& run_date) {
  for (const auto& row : util::get_or(table, "distributions", json::array())) {
    const auto prefix = text_of(row, "version_prefix");
    if (prefix.empty() || !version.starts_with(prefix)) continue;
    const auto who = text_of(row, "distribution") + "'s " + text_of(row, "package") + " " + version;
    const auto end = text_of(row, "end_of_support");
    if (!end.empty() && end <= run_date) {
      const auto lts = text_of(row, "extended_until");
      return outcome(State::fail, who + ": its security support ended on " + end +
                                      (lts.empty() ? std::string() : " (" + text_of(row, "extended_by") + " until " + lts + " covers only some packages)"));
    }
    return outcome(State::pass, who + " is supported by " + text_of(row, "distribution") + (end.empty() ? "" : " until " + end));
  }
  return std::nullopt;
}

// What a socket entry lacks that the collector always writes, or "" when
// nothing: an entry not read is a listener not judged, never a closed one.
std::string unreadable_socket(const json& socket) {
  if (!socket.is_object()) return type_of(socket) + ", not a socket";
  const auto port = socket.find("port");
  if (port == socket.end() || !port->is_number_integer()) return "a socket without a whole-number port";
  const auto protocol = socket.find("protocol");
  if (protocol != socket.end() && !protocol->is_string()) return "a socket whose protocol is not a text";
  const auto wildcard = socket.find("wildcard");
  if (wildcard == socket.end() || !wildcard->is_boolean()) return "a socket without a true or false wildcard";
  const auto processes = socket.find("processes");
  const auto named = [](const json& process) {
    return process.is_object() && process.contains("comm") && (process["comm"].is_string() || process["comm"].is_null());
  };
  if (processes != socket.end() && !(processes->is_array() && std::ranges::all_of(*processes, named))) {
    return "a socket whose processes are not a list of processes with a text (or null) comm";
  }
  return "";
}

}  // namespace

OpOutcome op_no_wildcard_listeners(const json& actual, const json& expected) {
  if (!actual.is_array()) return cannot("the host's sockets are " + type_of(actual) + ", not a list");
  std::vector<std::string> found;
  std::vector<std::string> open;
  std::string unread;  // the first entry not read: an error unless another entry fails for certain
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const auto& socket = actual[i];
    if (auto wrong = unreadable_socket(socket); !wrong.empty()) {
      if (unread.empty()) unread = "entry " + std::to_string(i) + " of the sockets is " + wrong;
      continue;
    }
    const auto spec = util::get_or(socket, "port", json()).dump() + "/" + util::get_or(socket, "protocol", std::string("tcp"));
    if (!array_has(expected, spec)) continue;
    const auto owner = swarm_owner(socket);
    if (!owner) continue;
    found.push_back(spec);
    if (socket["wildcard"].get<bool>()) open.push_back(endpoint(socket) + " (" + *owner + ")");
  }
  if (!open.empty()) return outcome(State::fail, "swarm ports listen on every address: " + util::join(open, ", "));
  if (!unread.empty()) return cannot(unread);
  std::vector<std::string> ports;
  for (const auto& port : expected) ports.push_back(port.is_string() ? port.get<std::string>() : port.dump());
  if (found.empty()) {
    return cannot("none of the ports " + util::join(ports, ", ") +
                  " is among the host's sockets held by dockerd: the host's network namespace may not be visible (run on the host)");
  }
  return verdict(true);
}

OpOutcome op_supported_release(const json& actual, const json& expected) {
  const auto version = actual.is_string() ? actual.get<std::string>() : text_of(actual, "Version");
  if (version.empty()) return cannot("no engine version to judge");
  const auto updated = text_of(expected, "updated");
  const auto run_date = text_of(expected, "run_date");
  const auto table_day = day_of(updated);
  const auto run_day = day_of(run_date);
  if (!table_day || !run_day) return cannot("the release table has no valid date (updated '" + updated + "', run '" + run_date + "')");
  if (*run_day - *table_day > std::chrono::days(365)) {
    return cannot("the release table is dated " + updated + ", more than a year before " + run_date +
                  ": update dockcis' catalogue to judge Docker " + version);
  }
  if (auto verdict_of_distribution = distribution_verdict(version, expected, run_date)) return *verdict_of_distribution;
  const auto numbers = version_numbers(version);
  const auto releases = util::get_or(expected, "engine", json::array());
  for (const auto& row : releases) {
    const auto cycle = text_of(row, "cycle");
    if (!in_cycle(numbers, cycle)) continue;
    const auto end = text_of(row, "end_of_support");
    const auto latest = text_of(row, "latest");
    if (!end.empty() && end <= run_date) {
      return outcome(State::fail, "Docker Engine " + version + ": the " + cycle + " releases went out of support on " + end);
    }
    if (!latest.empty() && version_below(version, latest)) {
      return outcome(State::fail, "Docker Engine " + version + " is older than " + latest + ", the latest " + cycle + " release (" +
                                      text_of(row, "latest_released") + ", table of " + updated + ")");
    }
    return outcome(State::pass, "Docker Engine " + version + " is a supported " + cycle + " release (table of " + updated + ")");
  }
  const bool newer = std::ranges::all_of(releases, [&](const json& row) { return version_below(text_of(row, "latest"), version); });
  if (newer) return cannot("Docker Engine " + version + " is newer than every release of the table of " + updated + ": update dockcis' catalogue");
  return outcome(State::fail, "Docker Engine " + version + " belongs to no supported release line of the table of " + updated +
                                  " (every older line is out of support)");
}

}  // namespace dockcis::engine::ops
