// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <string>

#include "fleet/database.hpp"
#include "fleet/fleet_view.hpp"

namespace dockcis::fleet {

/// Computes the fleet view from the store. Each host counts with its newest
/// run at or before `until`; trend and histories cover [since, until].
std::expected<FleetView, DbError> build_fleet_view(Database& database, const FleetFilter& filter);

/// "2026-11-30" or "2026-11-30T12:00:00Z" as a full RFC 3339 UTC time (a bare
/// date is its first second, or its last with `end_of_day`); "" when invalid.
std::string normalise_time(const std::string& text, bool end_of_day);

/// Whole days from `earlier` to `later` (RFC 3339 UTC times), rounded down.
int days_between(const std::string& earlier, const std::string& later);

/// `time` (RFC 3339 UTC) moved by `days`.
std::string add_days(const std::string& time, int days);

namespace detail {
/// "(1, 2, 3)": row ids of our own making, inlined into an IN clause.
std::string id_list(const std::vector<std::int64_t>& ids);
/// Failing checks, regressions, waivers, controls and drill-downs of the hosts' newest runs.
std::expected<void, DbError> add_findings(Database& database, FleetView& view);
}  // namespace detail

}  // namespace dockcis::fleet
