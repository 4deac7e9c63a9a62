// SPDX-License-Identifier: Apache-2.0
#include "fleet/store.hpp"

#include <chrono>

#include "util/time.hpp"

namespace dockcis::fleet {
namespace {

constexpr std::size_t kRowsPerStatement = 100;

Param text_or_null(const std::string& text) { return text.empty() ? Param{nullptr} : Param{text}; }

/// INSERT INTO <into> VALUES (...), (...): many rows per statement, the same
/// statement text for every full batch so SQLite prepares it once.
std::expected<void, DbError> insert_rows(Database& database, const std::string& into, std::size_t columns, const std::vector<Params>& rows) {
  for (std::size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    const std::size_t count = std::min(kRowsPerStatement, rows.size() - start);
    std::string sql = "INSERT INTO " + into + " VALUES ";
    Params params;
    params.reserve(count * columns);
    for (std::size_t r = 0; r < count; ++r) {
      sql += r == 0 ? "(" : ", (";
      for (std::size_t c = 0; c < columns; ++c) {
        sql += (c == 0 ? "$" : ", $") + std::to_string(params.size() + 1);
        params.push_back(rows[start + r].at(c));
      }
      sql += ")";
    }
    if (auto done = database.execute(sql, params); !done) return done;
  }
  return {};
}

std::expected<std::int64_t, DbError> returned_id(std::expected<Rows, DbError> rows, const char* what) {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty() || rows->front().empty()) return std::unexpected(DbError{std::string("no id returned for the new ") + what});
  return as_int(rows->front().front());
}

}  // namespace

std::expected<Store, SchemaError> Store::open(const std::string& target) {
  auto database = open_database(target);
  if (!database) return std::unexpected(SchemaError{database.error().message, database.error().unreachable});
  if (auto migrated = migrate(**database); !migrated) return std::unexpected(migrated.error());
  return Store(std::move(*database));
}

std::expected<std::int64_t, DbError> Store::check_id(const StoredResult& result, std::map<std::string, std::int64_t>& added) {
  if (const auto found = check_ids_.find(result.key); found != check_ids_.end()) return found->second;
  if (const auto found = added.find(result.key); found != added.end()) return found->second;
  auto id = returned_id(database_->query("INSERT INTO checks (check_key, title) VALUES ($1, $2) ON CONFLICT (check_key) DO UPDATE "
                                         "SET title = excluded.title RETURNING id",
                                         {result.key, result.title}),
                        "check");
  if (id) added.emplace(result.key, *id);
  return id;
}

std::expected<void, DbError> Store::write_run_rows(const StoredRun& run, std::int64_t run_row, std::map<std::string, std::int64_t>& added) {
  std::vector<Params> results, instances, tallies, waivers;
  for (const auto& result : run.results) {
    const auto id = check_id(result, added);
    if (!id) return std::unexpected(id.error());
    results.push_back({run_row, *id, result.cis_id, result.section, std::int64_t{result.level}, result.severity, result.state,
                       text_or_null(result.original_state), text_or_null(result.waiver), text_or_null(result.reason),
                       std::int64_t{result.instances_total}, std::int64_t{result.instances_failing}});
    std::int64_t position = 0;
    for (const auto& instance : result.instances) {
      instances.push_back({run_row, *id, position++, instance.name, instance.image, instance.state,
                           text_or_null(instance.original_state), text_or_null(instance.waiver)});
    }
    if (result.controls.empty() || controls_written_.contains(result.key)) continue;
    if (auto done = database_->execute("DELETE FROM check_controls WHERE check_id = $1", {*id}); !done) return done;
    std::vector<Params> controls;
    for (const auto& control : result.controls) controls.push_back({*id, control.framework, control.id, control.source});
    if (auto done = insert_rows(*database_, "check_controls (check_id, framework, control, source)", 4, controls); !done) return done;
  }
  for (const auto& tally : run.tallies) {
    tallies.push_back({run_row, tally.scope, tally.name, std::int64_t{tally.pass}, std::int64_t{tally.fail}, std::int64_t{tally.error}});
  }
  for (const auto& waiver : run.waivers) {
    waivers.push_back({run_row, waiver.id, waiver.check, waiver.status, waiver.justification, waiver.approver, waiver.ticket,
                       waiver.expires, std::int64_t{waiver.applied_to}});
  }
  if (auto done = insert_rows(*database_, "results (run_id, check_id, cis_id, section, level, severity, state, original_state, waiver, "
                                          "reason, instances_total, instances_failing)", 12, results); !done) return done;
  if (auto done = insert_rows(*database_, "instances (run_id, check_id, position, name, image, state, original_state, waiver)", 8,
                              instances); !done) return done;
  if (auto done = insert_rows(*database_, "scores (run_id, scope, name, pass, fail, error)", 6, tallies); !done) return done;
  return insert_rows(*database_, "waivers (run_id, waiver_id, check_key, status, justification, approver, ticket, expires, applied_to)",
                     9, waivers);
}

// A failed run's report may name its host by hostname alone (the run stopped
// before reading the machine id): it goes to the host of that name that
// reported last, so that host's newest run is the failed one. Without a group
// of its own it keeps the host's. A host first seen that way takes the
// machine id of its first completed run.
std::expected<std::int64_t, DbError> Store::host_of(const StoredRun& run, std::string& group) {
  if (run.state == "failed" && run.machine_id.empty()) {
    const auto known = database_->query("SELECT h.id, h.host_group FROM hosts h JOIN runs r ON r.host_id = h.id WHERE h.hostname = $1 "
                                        "ORDER BY r.started_at DESC, r.id DESC LIMIT 1",
                                        {run.hostname});
    if (!known) return std::unexpected(known.error());
    if (!known->empty()) {
      const auto id = as_int(known->front().at(0));
      if (group.empty()) group = as_text(known->front().at(1));
      if (auto done = database_->execute("UPDATE hosts SET host_group = $1 WHERE id = $2", {group, id}); !done) {
        return std::unexpected(done.error());
      }
      return id;
    }
  }
  if (!run.machine_id.empty()) {
    // A host first seen through failed runs is known by its hostname alone: its first full report names it.
    if (auto done = database_->execute("UPDATE hosts SET machine_id = $2 WHERE hostname = $1 AND machine_id = '' AND NOT EXISTS "
                                       "(SELECT 1 FROM hosts other WHERE other.hostname = $1 AND other.machine_id = $2)",
                                       {run.hostname, run.machine_id});
        !done) {
      return std::unexpected(done.error());
    }
  }
  return returned_id(database_->query("INSERT INTO hosts (hostname, machine_id, host_group) VALUES ($1, $2, $3) "
                                      "ON CONFLICT (hostname, machine_id) DO UPDATE SET host_group = excluded.host_group RETURNING id",
                                      {run.hostname, run.machine_id, group}),
                     "host");
}

std::expected<IngestOutcome, DbError> Store::ingest(const StoredRun& run, const std::string& digest, const std::string& source) {
  Transaction transaction(*database_);
  if (auto begun = transaction.begin(database_->dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); !begun) {
    return std::unexpected(begun.error());
  }
  const auto existing = database_->query("SELECT content_sha256, source, ingested_at FROM runs WHERE run_id = $1", {run.run_id});
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty()) {
    const auto& row = existing->front();
    if (as_text(row.at(0)) == digest) return IngestOutcome{IngestStatus::already_stored, {}};
    return IngestOutcome{IngestStatus::conflict, "run " + run.run_id + " is already stored with different content (from " +
                                                     as_text(row.at(1)) + ", ingested " + as_text(row.at(2)) + ")"};
  }
  std::string group = run.group;
  const auto host = host_of(run, group);
  if (!host) return std::unexpected(host.error());
  const Params columns{run.run_id, *host, digest, source, util::rfc3339(std::chrono::system_clock::now()), run.started_at,
                       run.finished_at, group, run.tool_version, run.profile_id, run.profile_title, run.level,
                       run.checks_digest, run.docker_version, run.kernel, run.os, std::int64_t{run.rootless ? 1 : 0}, run.score,
                       run.score_before_waivers, std::int64_t{run.pass}, std::int64_t{run.fail}, std::int64_t{run.error},
                       std::int64_t{run.manual}, std::int64_t{run.waived}, std::int64_t{run.notapplicable}, run.state,
                       text_or_null(run.failure)};
  const auto run_row = returned_id(
      database_->query("INSERT INTO runs (run_id, host_id, content_sha256, source, ingested_at, started_at, finished_at, host_group, "
                       "tool_version, profile_id, profile_title, level, checks_digest, docker_version, kernel, os, rootless, score, "
                       "score_before_waivers, pass, fail, error, manual, waived, notapplicable, run_state, failure) VALUES ($1, $2, "
                       "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, "
                       "$26, $27) RETURNING id",
                       columns),
      "run");
  if (!run_row) return std::unexpected(run_row.error());
  if (!profiles_seen_.contains(run.profile_id)) {
    for (const auto& [id, title] : run.sections) {
      if (auto done = database_->execute("INSERT INTO profile_sections (profile_id, section, title) VALUES ($1, $2, $3) "
                                         "ON CONFLICT (profile_id, section) DO NOTHING",
                                         {run.profile_id, id, title});
          !done) {
        return std::unexpected(done.error());
      }
    }
  }
  std::map<std::string, std::int64_t> added;
  if (auto done = write_run_rows(run, *run_row, added); !done) return std::unexpected(done.error());
  if (auto committed = transaction.commit(); !committed) return std::unexpected(committed.error());
  check_ids_.merge(added);
  profiles_seen_.insert(run.profile_id);
  for (const auto& result : run.results) {
    if (!result.controls.empty()) controls_written_.insert(result.key);
  }
  return IngestOutcome{};
}

}  // namespace dockcis::fleet
