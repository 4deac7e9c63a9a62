// SPDX-License-Identifier: Apache-2.0
#include "fleet/queries.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

#include "fleet/schema.hpp"
#include "util/time.hpp"
#include "util/version.hpp"

namespace dockcis::fleet {
namespace {

constexpr int kDefaultWindowDays = 90;

std::optional<std::time_t> parse_time(const std::string& text) {
  std::tm parts{};
  if (text.size() != 20 || strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) == nullptr) return std::nullopt;
  const auto seconds = timegm(&parts);
  // strptime takes February 30th, which timegm makes March 2nd: a time that names no moment is none.
  if (util::rfc3339_of_seconds(seconds) != text) return std::nullopt;
  return seconds;
}

// Section ids sort as numbers ("2" before "10").
bool section_before(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

// A stored count as ingest bounds it (0 to 2^30): a store edited by hand
// cannot make the sums over hosts and days overflow.
std::int64_t count_of(const std::optional<std::string>& column) { return std::clamp<std::int64_t>(as_int(column), 0, 1 << 30); }

HostRow host_row(const Row& row) {
  HostRow host;
  host.run_row = as_int(row[0]);
  host.host_id = as_int(row[1]);
  host.hostname = as_text(row[2]);
  host.machine_id = as_text(row[3]);
  host.group = as_text(row[4]);
  host.run_id = as_text(row[5]);
  host.started_at = as_text(row[6]);
  host.profile_id = as_text(row[7]);
  host.tool_version = as_text(row[8]);
  host.docker_version = as_text(row[9]);
  host.score = as_double(row[10]);
  host.tally = {count_of(row[11]), count_of(row[12]), count_of(row[13])};
  host.failed = as_text(row[14]) == "failed";
  host.failure = as_text(row[15]);
  return host;
}

bool wanted(const HostRow& host, const FleetFilter& filter) {
  if (!filter.group.empty() && host.group != filter.group) return false;
  return filter.host_pattern.empty() || fnmatch(filter.host_pattern.c_str(), host.hostname.c_str(), 0) == 0;
}

// Each host's label (HostRow::label), unique among `hosts`: the hostname, or
// with the start of the machine id and the store's id of the host when another
// host has that hostname, has no hostname, or gives as its hostname a label
// made so (the store's id makes every such label unique).
void label_hosts(std::vector<HostRow>& hosts) {
  std::map<std::string, int> named;
  for (const auto& host : hosts) ++named[host.hostname];
  std::set<std::string> taken;
  const auto told_apart = [](const HostRow& host) {
    const auto machine = host.machine_id.empty() ? std::string("no machine id") : "machine " + host.machine_id.substr(0, 12);
    return (host.hostname.empty() ? std::string() : host.hostname + " ") + "[" + machine + " #" + std::to_string(host.host_id) + "]";
  };
  for (auto& host : hosts) {
    if (named[host.hostname] > 1 || host.hostname.empty()) {
      host.label = told_apart(host);
      taken.insert(host.label);
    }
  }
  for (auto& host : hosts) {
    if (!host.label.empty()) continue;
    host.label = taken.contains(host.hostname) ? told_apart(host) : host.hostname;
    taken.insert(host.label);
  }
}

std::expected<void, DbError> load_hosts(Database& database, FleetView& view) {
  // Each host's two newest runs, from (host_id, started_at, id) alone: the index answers it
  // without reading the runs themselves, then only those rows are read.
  const auto newest = database.query("SELECT id, position FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY host_id ORDER BY started_at DESC, "
                                     "id DESC) AS position FROM runs WHERE started_at <= $1) ranked WHERE position <= 2",
                                     {view.filter.until});
  if (!newest) return std::unexpected(newest.error());
  std::vector<std::int64_t> ids;
  std::unordered_map<std::int64_t, bool> is_newest;  ///< run id -> newest (true) or previous (false) of its host
  for (const auto& row : *newest) {
    ids.push_back(as_int(row[0]));
    is_newest[ids.back()] = as_int(row[1]) == 1;
  }
  const auto rows = database.query(
      "SELECT r.id, r.host_id, h.hostname, h.machine_id, r.host_group, r.run_id, r.started_at, r.profile_id, r.tool_version, "
      "r.docker_version, r.score, r.pass, r.fail, r.error, r.run_state, r.failure FROM runs r JOIN hosts h ON h.id = r.host_id WHERE r.id IN " +
      detail::id_list(ids) + " ORDER BY r.host_id, r.started_at DESC, r.id DESC");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& row : *rows) {
    if (is_newest[as_int(row[0])]) {
      auto host = host_row(row);
      if (!wanted(host, view.filter)) continue;
      host.days_since_run = days_between(host.started_at, view.filter.as_of);
      host.stale = host.started_at < add_days(view.filter.as_of, -view.filter.stale_after_days);
      view.hosts.push_back(std::move(host));
    } else if (!view.hosts.empty() && view.hosts.back().host_id == as_int(row[1]) && as_text(row[14]) != "failed") {
      // A failed run before has no score or results to compare with.
      view.hosts.back().previous_run_row = as_int(row[0]);
      view.hosts.back().previous_score = as_double(row[10]);
      view.hosts.back().previous_started_at = as_text(row[6]);
    }
  }
  std::ranges::sort(view.hosts, [](const HostRow& a, const HostRow& b) {
    return std::tie(a.hostname, a.machine_id) < std::tie(b.hostname, b.machine_id);
  });
  label_hosts(view.hosts);
  for (const auto& host : view.hosts) {
    view.fleet.pass += host.tally.pass;
    view.fleet.fail += host.tally.fail;
    view.fleet.error += host.tally.error;
  }
  return {};
}

std::expected<void, DbError> load_sections(Database& database, FleetView& view) {
  std::vector<std::int64_t> runs;
  std::unordered_map<std::int64_t, HostRow*> by_run;
  std::set<std::string> profiles;
  for (auto& host : view.hosts) {
    runs.push_back(host.run_row);
    by_run[host.run_row] = &host;
    profiles.insert(host.profile_id);
  }
  const auto rows = database.query("SELECT run_id, name, pass, fail, error FROM scores WHERE scope = 'section' AND run_id IN " +
                                   detail::id_list(runs));
  if (!rows) return std::unexpected(rows.error());
  std::set<std::string> ids;
  for (const auto& row : *rows) {
    const auto found = by_run.find(as_int(row[0]));
    if (found == by_run.end()) continue;
    const auto name = as_text(row[1]);
    found->second->sections[name] = {count_of(row[2]), count_of(row[3]), count_of(row[4])};
    ids.insert(name);
  }
  // Titles from the newest profile that names the section, the catalogue's before the store's.
  // The store knows no benchmark versions: its profile ids are taken in
  // natural order ("cis-docker-1.10.0" after "cis-docker-1.8.0").
  auto titles = database.query("SELECT profile_id, section, title FROM profile_sections");
  if (!titles) return std::unexpected(titles.error());
  std::ranges::stable_sort(*titles, [](const Row& a, const Row& b) { return util::compare_natural(as_text(a[0]), as_text(b[0])) > 0; });
  std::map<std::string, std::string> title_of;
  if (const auto* catalogue = view.filter.catalogue) {
    for (auto profile = catalogue->sections.rbegin(); profile != catalogue->sections.rend(); ++profile) {
      if (!profiles.contains(profile->first)) continue;
      for (const auto& [id, title] : profile->second) title_of.emplace(id, title);
    }
  }
  for (const auto& row : *titles) {
    if (profiles.contains(as_text(row[0]))) title_of.emplace(as_text(row[1]), as_text(row[2]));
  }
  std::vector<std::string> ordered(ids.begin(), ids.end());
  std::ranges::sort(ordered, section_before);
  for (const auto& id : ordered) view.sections.emplace_back(id, title_of.contains(id) ? title_of[id] : "");
  return {};
}

std::string host_clause(const FleetView& view, bool filtered) {
  if (!filtered) return {};
  std::vector<std::int64_t> ids;
  for (const auto& host : view.hosts) ids.push_back(host.host_id);
  return " AND host_id IN " + detail::id_list(ids);
}

// One pass over the window's runs gives each host's score history and the
// trend: per UTC day, the newest run of each host that reported that day.
// Failed runs count as runs but have no score: they are in neither.
std::expected<void, DbError> load_window(Database& database, FleetView& view, bool filtered) {
  const auto rows = database.query("SELECT host_id, started_at, score, pass, fail, error, run_state FROM runs WHERE started_at >= $1 AND "
                                   "started_at <= $2" + host_clause(view, filtered) + " ORDER BY host_id, started_at, id",
                                   {view.filter.since, view.filter.until});
  if (!rows) return std::unexpected(rows.error());
  view.runs_in_window = static_cast<int>(rows->size());
  std::vector<const Row*> scored;
  for (const auto& row : *rows) {
    if (as_text(row[6]) != "failed") scored.push_back(&row);
  }
  std::unordered_map<std::int64_t, std::vector<HistoryPoint>> by_host;
  std::map<std::string, TrendPoint> days;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const auto& row = *scored[i];
    const auto host = as_int(row[0]);
    const auto started_at = as_text(row[1]);
    by_host[host].push_back({started_at, as_double(row[2])});
    // Rows are ordered by host and time: a host's last row of a day is its newest run that day.
    const bool last_of_day = i + 1 == scored.size() || as_int((*scored[i + 1])[0]) != host ||
                             as_text((*scored[i + 1])[1]).compare(0, 10, started_at, 0, 10) != 0;
    if (!last_of_day) continue;
    auto& point = days[started_at.substr(0, 10)];
    ++point.hosts;
    point.tally.pass += count_of(row[3]);
    point.tally.fail += count_of(row[4]);
    point.tally.error += count_of(row[5]);
  }
  for (auto& [date, point] : days) {
    point.date = date;
    view.trend.push_back(point);
  }
  view.details.reserve(view.hosts.size());
  for (const auto& host : view.hosts) {
    HostDetail detail;
    detail.host = host.label;
    if (auto found = by_host.find(host.host_id); found != by_host.end()) detail.history = std::move(found->second);
    view.details.push_back(std::move(detail));
  }
  return {};
}

void add_versions(FleetView& view) {
  std::map<std::pair<std::string, std::string>, int> counts;
  for (const auto& host : view.hosts) {
    ++counts[{"tool", host.tool_version}];
    if (host.failed) continue;  // it did not get to read the engine or pick a profile
    ++counts[{"docker", host.docker_version.empty() ? "unknown" : host.docker_version}];
    ++counts[{"benchmark", host.profile_id}];
  }
  for (const auto& [what, hosts] : counts) view.versions.push_back({what.first, what.second, hosts});
  std::ranges::stable_sort(view.versions, [](const VersionCount& a, const VersionCount& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.hosts > b.hosts;
  });
}

}  // namespace

std::string normalise_time(const std::string& text, bool end_of_day) {
  std::string full = text;
  if (text.size() == 10) full = text + (end_of_day ? "T23:59:59Z" : "T00:00:00Z");
  const auto parsed = parse_time(full);
  if (!parsed) return {};
  return util::rfc3339_of_seconds(*parsed);
}

int days_between(const std::string& earlier, const std::string& later) {
  const auto from = parse_time(earlier);
  const auto to = parse_time(later);
  if (!from || !to) return 0;
  const auto seconds = static_cast<long long>(*to - *from);
  return static_cast<int>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

std::string add_days(const std::string& time, int days) {
  const auto parsed = parse_time(time);
  if (!parsed) return time;
  const auto moved = util::rfc3339_of_seconds(*parsed + static_cast<std::int64_t>(days) * 86400);
  if (!moved.empty()) return moved;
  // Past the years RFC 3339 writes: as far as they go, in the direction asked.
  return days < 0 ? "0000-01-01T00:00:00Z" : "9999-12-31T23:59:59Z";
}

namespace detail {
std::string id_list(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return "(NULL)";
  std::string out = "(";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + ")";
}
}  // namespace detail

std::expected<FleetView, DbError> build_fleet_view(Database& database, const FleetFilter& filter) {
  FleetView view;
  view.filter = filter;
  view.generated_at = util::rfc3339(std::chrono::system_clock::now());
  if (view.filter.as_of.empty()) view.filter.as_of = view.generated_at;
  if (view.filter.until.empty()) view.filter.until = view.filter.as_of;
  if (view.filter.since.empty()) view.filter.since = add_days(view.filter.until, -kDefaultWindowDays);
  view.store = database.location();
  view.schema_version = latest_schema_version();
  const bool filtered = !filter.host_pattern.empty() || !filter.group.empty();
  for (auto step : {load_hosts, load_sections}) {
    if (auto done = step(database, view); !done) return std::unexpected(done.error());
  }
  if (auto done = load_window(database, view, filtered); !done) return std::unexpected(done.error());
  add_versions(view);
  if (auto done = detail::add_findings(database, view); !done) return std::unexpected(done.error());
  return view;
}

}  // namespace dockcis::fleet
