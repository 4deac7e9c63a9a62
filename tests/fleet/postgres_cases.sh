#!/usr/bin/env bash
# Runs inside with_postgres.sh: the store's unit tests (schema, ingest,
# queries) against the real server, the command line against it, and what
# happens when the server goes away.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

"$TEST_FLEET" || fail "the store's tests against PostgreSQL"
url=$DOCKCIS_TEST_PG_CLI_URL

# The command line on a fresh database: ingest, idempotence, report.
"$DOCKCIS" audit --facts "$FACTS" -f json >"$work/a.json" 2>/dev/null
"$DOCKCIS" fleet ingest --db "$url" --group pg "$work/a.json" >"$work/out" 2>&1 || { fail "ingest into PostgreSQL"; cat "$work/out"; }
grep -q "1 stored, 0 already stored, 0 refused" "$work/out" || { fail "unexpected ingest summary"; cat "$work/out"; }
"$DOCKCIS" fleet ingest --db "$url" "$work/a.json" >"$work/out" 2>&1 || fail "second ingest"
grep -q "0 stored, 1 already stored" "$work/out" || { fail "the same run was stored twice"; cat "$work/out"; }
"$DOCKCIS" fleet report --db "$url" -o json="$work/fleet.json" -o csv="$work/fleet.csv" || fail "fleet report from PostgreSQL"
python3 - "$work/fleet.json" "$work/a.json" <<'PY' || status=1
import json, sys
fleet, report = (json.load(open(p)) for p in sys.argv[1:])
host = fleet["hosts"][0]
assert len(fleet["hosts"]) == 1, fleet["hosts"]
assert host["run_id"] == report["run_id"] and host["group"] == "pg", host
assert abs(host["score"] - report["summary"]["score"]) < 0.01, (host["score"], report["summary"]["score"])
print("ok: PostgreSQL store reports", host["host"], host["score"])
PY

# The server goes away: a clear message and exit code 3, nothing half-stored.
$DOCKCIS_TEST_PG_AS_SERVER $DOCKCIS_TEST_PG_STOP >/dev/null || fail "could not stop the server"
"$DOCKCIS" audit --facts "$FACTS" -f json >"$work/b.json" 2>/dev/null
"$DOCKCIS" fleet ingest --db "$url" "$work/b.json" >"$work/out" 2>&1
code=$?
[ "$code" -eq 3 ] || fail "ingest with the server down exits $code, expected 3"
grep -q "cannot connect to the PostgreSQL store" "$work/out" || { fail "no clear message with the server down"; cat "$work/out"; }
"$DOCKCIS" fleet report --db "$url" -o json >"$work/out" 2>&1
[ $? -eq 3 ] || fail "report with the server down does not exit 3"
[ "$status" -eq 0 ] && echo "ok: PostgreSQL store, command line and server down"
exit $status
