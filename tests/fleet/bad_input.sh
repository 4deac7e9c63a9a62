#!/usr/bin/env bash
# Bad input to the fleet store: each refused with a message naming the file
# (and JSON pointer) and the documented exit code, and nothing of it stored.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
db="$work/fleet.db"
runs() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT COUNT(*) FROM runs").fetchone()[0], c.execute("SELECT COUNT(*) FROM results").fetchone()[0])' "$db"; }

# expect CODE PATTERN ARGS...: dockcis exits CODE and says PATTERN on standard
# error (an empty PATTERN: anything); run through the command in `runner`
# when one is set.
runner=()
expect() {
  local code=$1 pattern=$2
  shift 2
  "${runner[@]}" "$DOCKCIS" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$code" ] || fail "dockcis $* exits $got, expected $code"
  [ -z "$pattern" ] || grep -qF -- "$pattern" "$work/err" || { fail "dockcis $*: no '$pattern' in:"; cat "$work/err"; }
}

"$DOCKCIS" audit --facts "$FACTS" -f json >"$work/good.json" 2>/dev/null
"$DOCKCIS" fleet ingest --db "$db" "$work/good.json" >/dev/null || fail "a good report is not stored"
before=$(runs)

head -c 5000 "$work/good.json" >"$work/truncated.json"
expect 2 "truncated.json: not valid JSON (truncated or corrupt)" fleet ingest --db "$db" "$work/truncated.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["schema"]="dockcis.facts/v1"; json.dump(d, open(sys.argv[2],"w"))' "$work/good.json" "$work/other.json"
expect 2 "other.json:/schema: not a dockcis report: schema 'dockcis.facts/v1'" fleet ingest --db "$db" "$work/other.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["schema"]="dockcis.report/v3"; d["run_id"]="0"*8+"-0000-4000-8000-"+"0"*12; json.dump(d, open(sys.argv[2],"w"))' "$work/good.json" "$work/future.json"
expect 2 "future.json:/schema: report schema 'dockcis.report/v3' is newer than this dockcis reads" fleet ingest --db "$db" "$work/future.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["results"][3]["reason"]="edited after the run"; json.dump(d, open(sys.argv[2],"w"))' "$work/good.json" "$work/conflict.json"
expect 2 "conflict.json:/run_id: run " fleet ingest --db "$db" "$work/conflict.json"
grep -q "already stored with different content" "$work/err" || fail "the conflict is not explained"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["run_id"]="1"*8+"-1111-4111-8111-"+"1"*12; d["results"][7]["level"]="one"; json.dump(d, open(sys.argv[2],"w"))' "$work/good.json" "$work/typed.json"
expect 2 "typed.json:/results/7/level: expected an integer, found a string" fleet ingest --db "$db" "$work/typed.json"
head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$work/huge.json"
expect 2 "huge.json: larger than 64 MiB" fleet ingest --db "$db" "$work/huge.json"
# A host's report is held to its own results, its dates and its size: a
# summary that claims more than its results, a run dated ahead of this
# machine's clock (it would stay that host's newest run) and a report that
# names one long subject in thousands of instances are refused.
spoil() { python3 -c 'import json,sys,uuid; d=json.load(open(sys.argv[1])); d["run_id"]=str(uuid.uuid4()); exec(sys.argv[3]); json.dump(d, open(sys.argv[2],"w"))' "$work/good.json" "$work/$1" "$2"; }
spoil liar.json 'd["summary"]["scored"]["pass"]=1<<30; d["summary"]["score"]=100.0'
expect 2 "liar.json:/summary/score: 100.00, but the report's results give a score of" fleet ingest --db "$db" "$work/liar.json"
spoil future.json 'd["started_at"]="2099-01-01T00:00:00Z"; d["finished_at"]="2099-01-01T00:01:00Z"'
expect 2 "future.json:/started_at: 2099-01-01T00:00:00Z is more than a day ahead of this machine's clock" fleet ingest --db "$db" "$work/future.json"
spoil nodate.json 'd["started_at"]="2026-12-04T99:99:99Z"'
expect 2 "nodate.json:/started_at: '2026-12-04T99:99:99Z' is not a UTC timestamp" fleet ingest --db "$db" "$work/nodate.json"
spoil amplified.json 'd["subjects"][0]["name"]="N"*100000; d["results"][0]["instances"]=[{"subject":0,"state":"fail"}]*2000'
expect 2 "bytes in all (four times the report's size and 1 MiB): not stored" fleet ingest --db "$db" "$work/amplified.json"
# A host's report cannot retitle checks, remap their controls or rename
# sections (under a profile id of its own: the store keeps the first section
# titles of a profile) for the fleet: the report shows the catalogue's text.
spoil retitled.json 'd["host"].update(hostname="evil", machine_id="e"*32); d["profile"]["id"] = "zz"
for r in d["results"]:
    r["title"] = "Accepted risk - no action needed"
    if r.get("controls"): r["controls"] = [{"framework": "nist-800-53-r5", "id": "XX-0", "source": "bogus"}]
d["sections"] = [dict(s, title="Hijacked") for s in d["sections"]]'
"$DOCKCIS" fleet ingest --db "$work/titles.db" "$work/good.json" >/dev/null || fail "a good report is not stored"
"$DOCKCIS" fleet ingest --db "$work/titles.db" "$work/retitled.json" >/dev/null || fail "the retitled report is not stored"
expect 0 "" fleet report --db "$work/titles.db" -o json="$work/titles.json"
checks_title=$(python3 -c 'import json,sys; print([r for r in json.load(open(sys.argv[1]))["results"] if r["state"] == "fail"][0]["title"])' "$work/good.json")
grep -q "Accepted risk\|XX-0\|Hijacked" "$work/titles.json" && fail "a host's report retitled the fleet's checks: $(grep -o 'Accepted risk\|XX-0\|Hijacked' "$work/titles.json" | sort -u | tr '\n' ' ')"
grep -qF "$checks_title" "$work/titles.json" || fail "the catalogue's title '$checks_title' is not in the fleet report"
# A machine without a catalogue still reports, with the store's text, and says so.
expect 0 "warning: check titles, controls and section titles are the hosts' reports', not a catalogue's" \
  fleet report --db "$work/titles.db" --checks-dir "$work/no-such-dir" -o json="$work/no-catalogue.json"
[ -s "$work/no-catalogue.json" ] || fail "no fleet report without a catalogue"
[ "$(runs)" = "$before" ] || fail "refused reports left rows behind: $(runs), before $before"

# The same run as a version 1 report (every instance named in full) is
# stored as the same rows.
python3 - "$work/good.json" "$work/v1.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for result in report["results"]:
    probes = result.pop("probes", [])
    for instance in result.get("instances", []):
        subject = report["subjects"][instance.pop("subject")]
        instance.update(id=subject["id"], name=subject["name"], image=subject["image"])
        instance["evidence"] = [dict(probes[item.pop("probe")], **item) for item in instance["evidence"]]
del report["subjects"]
report["schema"] = "dockcis.report/v1"
json.dump(report, open(sys.argv[2], "w"))
PY
for version in v1 good; do
  "$DOCKCIS" fleet ingest --db "$work/$version.db" "$work/$version.json" >/dev/null 2>"$work/err" || { fail "$version.json is refused"; cat "$work/err"; }
done
python3 - "$work/v1.db" "$work/good.db" <<'PY' || fail "a v1 report is not stored as the same run in v2 is"
import sqlite3, sys
def rows(path, table):
    return sorted(map(repr, sqlite3.connect(path).execute("SELECT * FROM %s" % table).fetchall()))
for table in ("results", "instances"):
    v1, v2 = rows(sys.argv[1], table), rows(sys.argv[2], table)
    assert v1 == v2 and v1, "%s: %d rows from v1, %d from v2" % (table, len(v1), len(v2))
PY

# A batch goes on past a refused report; the exit code still says something was refused.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["run_id"]="2"*8+"-2222-4222-8222-"+"2"*12; json.dump(d, open(sys.argv[2],"w"))' "$work/good.json" "$work/second.json"
expect 2 "refused $work/truncated.json" fleet ingest --db "$db" "$work/truncated.json" "$work/second.json"
grep -q "1 stored, 0 already stored, 1 refused" "$work/out" || { fail "batch summary"; cat "$work/out"; }

# Stores that are not dockcis stores.
printf 'just some text that is certainly not a database file, long enough for a header' >"$work/text.db"
expect 2 "$work/text.db" fleet ingest --db "$work/text.db" "$work/good.json"
grep -q "not a database" "$work/err" || fail "a text file as store is not explained"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE invoices (id INTEGER)"); c.commit()' "$work/other.db"
expect 2 "is not a dockcis fleet store: it holds other tables (invoices)" fleet ingest --db "$work/other.db" "$work/good.json"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0])' "$work/other.db" | grep -qx 1 ||
  fail "the foreign database was changed"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO schema_version VALUES (99, \"dockcis.fleet\", \"future\", \"x\")"); c.commit()' "$db"
expect 2 "was written by a newer dockcis (store schema version 99" fleet report --db "$db" -o json
expect 2 "no fleet store at $work/missing.db" fleet report --db "$work/missing.db" -o json
[ -e "$work/missing.db" ] && fail "fleet report created a store"
mkdir "$work/locked" && chmod 500 "$work/locked"
if [ "$(id -u)" -ne 0 ]; then expect 3 "cannot open the SQLite store" fleet ingest --db "$work/locked/fleet.db" "$work/good.json"; fi

# A PostgreSQL server that is not there.
expect 3 "cannot connect to the PostgreSQL store postgresql:///fleet?host=$work/nothing" fleet ingest --db "postgresql:///fleet?host=$work/nothing&port=5999" "$work/good.json"
expect 3 "cannot connect to the PostgreSQL store postgresql://dockcis:***@" fleet report --db "postgresql://dockcis:secret@/fleet?host=$work/nothing" -o json
grep -q secret "$work/err" && fail "the password is shown"

# libpq and SQLite are opened with the first store of their kind: where one
# cannot be (an empty file bound over it, in a mount namespace of the run's
# own), exit 3 with the loader's reason, while what does not need it works
# as before. library_path SONAME: where the loader finds it ("" if nowhere).
library_path() { ldconfig -p | sed -n "s/.*$1 (libc6,x86-64) => //p" | head -1; }
# without LIBRARY COMMAND...: runs COMMAND with LIBRARY hidden.
without() { unshare -m sh -c 'mount --bind /dev/null "$0" && exec "$@"' "$(readlink -f "$1")" "${@:2}"; }
libpq=$(library_path 'libpq\.so\.5')
if [ -n "$libpq" ] && unshare -m true 2>/dev/null; then
  runner=(without "$libpq")
  expect 3 "cannot connect to the PostgreSQL store postgresql:///fleet?host=$work/nothing: cannot load libpq: $libpq" \
    fleet ingest --db "postgresql:///fleet?host=$work/nothing" "$work/good.json"
  expect 0 "" fleet ingest --db "$work/plain.db" "$work/good.json"
  expect 0 "" fleet report --db "$work/plain.db" -o json
  runner=()
else
  echo "skipped: no mount namespace to hide libpq in"
fi
libsqlite=$(library_path 'libsqlite3\.so\.0')
if [ -n "$libsqlite" ] && unshare -m true 2>/dev/null; then
  runner=(without "$libsqlite")
  expect 3 "$work/unloaded.db: cannot open the SQLite store: cannot load SQLite: $libsqlite" \
    fleet ingest --db "$work/unloaded.db" "$work/good.json"
  [ -e "$work/unloaded.db" ] && fail "without SQLite, a store file was made"
  expect 0 "" validate
  runner=()
else
  echo "skipped: no mount namespace to hide SQLite in"
fi

# Usage errors.
expect 2 "unknown fleet report format 'pdf'" fleet report --db "$db" -o pdf=x.pdf
expect 2 "--since expects YYYY-MM-DD" fleet report --db "$db" --since yesterday -o json
[ "$status" -eq 0 ] && echo "ok: bad reports and stores are refused with file, pointer and exit code; nothing half-stored"
exit $status
