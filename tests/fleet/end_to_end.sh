#!/usr/bin/env bash
# A fleet of three hosts made from the golden facts snapshot (each with its
# own name, machine id and collection time) audited under three tailorings,
# one host twice, ingested into a new store; then the fleet report.
#   numbers: check_fleet.py recomputes every figure from the host reports
#   html:    the page in headless Chromium (fleet_chromium.py), with a hostile host name
set -u
mode=${1:-numbers}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# host FILE NAME MACHINE-ID DAYS-AGO: FILE.facts.json, a snapshot of host NAME collected DAYS-AGO days ago.
host() {
  python3 - "$FACTS" "$work/$1.facts.json" "$2" "$3" "$4" <<'PY'
import datetime, json, sys
facts = json.load(open(sys.argv[1]))
name, machine, days = sys.argv[3], sys.argv[4], float(sys.argv[5])
facts["facts"]["host.identity"]["value"]["hostname"] = name
facts["facts"]["host.identity"]["value"]["machine_id"] = machine
when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
facts["meta"]["collected_at"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
json.dump(facts, open(sys.argv[2], "w"))
PY
}

cat >"$work/level1.json" <<'JSON'
{"schema": "dockcis.tailoring/v1", "extends": "cis-docker-1.6.0", "level": 1}
JSON
cat >"$work/no-images.json" <<'JSON'
{"schema": "dockcis.tailoring/v1", "extends": "cis-docker-1.8.0", "skip": ["4"], "parameters": {"trusted_docker_users": ["alice"]}}
JSON
cat >"$work/strict.json" <<'JSON'
{"schema": "dockcis.tailoring/v1", "extends": "cis-docker-1.7.0", "checks": {"container.privileged": {"severity": "critical"}}}
JSON
soon=$(date -u -d "+10 days" +%Y-%m-%d)
cat >"$work/waivers.json" <<JSON
{"schema": "dockcis.waivers/v1", "waivers": [
  {"id": "W-soon", "check": "container.privileged", "justification": "monitoring agent", "approver": "secteam",
   "ticket": "SEC-1", "expires": "$soon"},
  {"id": "W-old", "check": "daemon.icc", "justification": "legacy", "expires": "2001-01-01"}]}
JSON

if [ "$mode" = html ]; then third='db-<script>alert(1)</script>"'"'"'&x'; else third=db-01; fi
host web-01 web-01 11111111111111111111111111111111 1.2
host web-01-before web-01 11111111111111111111111111111111 2.2
host web-02 web-02 22222222222222222222222222222222 5
host db-01 "$third" 33333333333333333333333333333333 0.5

audit() { "$DOCKCIS" audit --no-color -o json="$work/$1.json" --facts "$work/$2.facts.json" "${@:3}" 2>"$work/audit.err"; [ $? -le 1 ] || { echo "FAIL: audit $1"; cat "$work/audit.err"; exit 1; }; }
audit a-before web-01-before --tailoring "$work/level1.json" --skip 5
audit a web-01 --tailoring "$work/level1.json"
audit b web-02 --tailoring "$work/no-images.json"
audit c db-01 --tailoring "$work/strict.json" --waivers "$work/waivers.json"

mkdir "$work/reports"
cp "$work/a-before.json" "$work/a.json" "$work/b.json" "$work/reports/"
"$DOCKCIS" fleet ingest --db "$work/fleet.db" --group web "$work/reports" >"$work/ingest.out" 2>&1 || { echo "FAIL: ingest"; cat "$work/ingest.out"; exit 1; }
grep -q "3 stored, 0 already stored, 0 refused" "$work/ingest.out" || { echo "FAIL: ingest summary"; cat "$work/ingest.out"; status=1; }
"$DOCKCIS" fleet ingest --db "$work/fleet.db" --group db - <"$work/c.json" >"$work/ingest.out" 2>&1 || { echo "FAIL: ingest from standard input"; cat "$work/ingest.out"; exit 1; }
if [ "$mode" = html ]; then
  # Named as web-01 but for case, and named as a JavaScript object's
  # prototype: hosts of their own, each counted by the page's host counter.
  host web-01-upper WEB-01 44444444444444444444444444444444 1
  host proto __proto__ 55555555555555555555555555555555 1
  audit d web-01-upper --tailoring "$work/level1.json"
  audit e proto --tailoring "$work/level1.json"
  "$DOCKCIS" fleet ingest --db "$work/fleet.db" --group web "$work/d.json" "$work/e.json" >"$work/ingest.out" 2>&1 ||
    { echo "FAIL: ingest"; cat "$work/ingest.out"; exit 1; }
fi

start=$(date +%s.%N)
"$DOCKCIS" fleet report --db "$work/fleet.db" --stale-after 3 -o html="$work/fleet.html" -o json="$work/fleet.json" -o csv="$work/fleet.csv" ||
  { echo "FAIL: fleet report"; exit 1; }
echo "fleet report written in $(python3 -c "import time; print(round(time.time() - $start, 2))") s"

case "$mode" in
  numbers)
    python3 "$here/check_fleet.py" "$work/fleet.json" "$work/fleet.csv" "$work/a-before.json" "$work/a.json" "$work/b.json" "$work/c.json" || status=1
    # The JSON follows its published schema.
    /usr/bin/python3 - "$here/../../schemas/dockcis-fleet-report-v1.schema.json" "$work/fleet.json" <<'PY' || status=1
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for error in errors[:10]:
    print("FAIL: fleet.json", "/".join(map(str, error.path)), error.message[:200])
sys.exit(1 if errors else 0)
PY
    # web-02's newest run fails (exit 3, as the last-resort barrier writes it,
    # its hostname alone): the fleet shows web-02 as "run failed" with the
    # reason and date, not its previous run, and counts nothing of it.
    DOCKCIS_TEST_THROW=collect "$DOCKCIS" audit --facts "$work/web-02.facts.json" -o json="$work/failed.json" 2>/dev/null
    [ $? -eq 3 ] || { echo "FAIL: the forced failure did not exit 3"; status=1; }
    python3 - "$work/failed.json" <<'PY'
import datetime, json, sys
report = json.load(open(sys.argv[1]))
assert report["run"]["state"] == "failed" and "machine_id" not in report["host"], report
report["host"]["hostname"] = "web-02"
report["started_at"] = report["finished_at"] = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
json.dump(report, open(sys.argv[1], "w"))
PY
    "$DOCKCIS" fleet ingest --db "$work/fleet.db" "$work/failed.json" >"$work/ingest.out" 2>&1 &&
      grep -q "1 stored, 0 already stored, 0 refused" "$work/ingest.out" || { echo "FAIL: ingest of a failed run"; cat "$work/ingest.out"; status=1; }
    "$DOCKCIS" fleet report --db "$work/fleet.db" --stale-after 3 -o json="$work/failed-fleet.json" -o csv="$work/failed-fleet.csv" \
      -o html="$work/failed-fleet.html" || status=1
    /usr/bin/python3 - "$work/failed-fleet.json" "$work/fleet.json" "$work/failed.json" "$work/b.json" "$work/failed-fleet.csv" \
      "$work/failed-fleet.html" "$here/../../schemas/dockcis-fleet-report-v1.schema.json" <<'PY' || status=1
import json, sys, jsonschema
after, before, failed, previous = (json.load(open(p)) for p in sys.argv[1:5])
csv_text, html = open(sys.argv[5]).read(), open(sys.argv[6]).read()
errors = list(jsonschema.Draft202012Validator(json.load(open(sys.argv[7]))).iter_errors(after))
assert not errors, errors[0].message
hosts = {h["host"]: h for h in after["hosts"]}
assert len(hosts) == len(before["hosts"]), sorted(hosts)
web2 = hosts["web-02"]
assert web2["run_state"] == "failed" and web2["failure"] == failed["run"]["reason"], web2
assert web2["run_id"] == failed["run_id"] and web2["started_at"] == failed["started_at"], web2
assert web2["score"] is None and (web2["pass"], web2["fail"], web2["error"]) == (0, 0, 0) and web2["sections"] == {}, web2
assert web2["group"] == "web" and web2["previous_score"] == round(previous["summary"]["score"], 2), web2
assert all(h["run_state"] == "completed" and h["failure"] is None for name, h in hosts.items() if name != "web-02")
assert after["fleet"]["failed_hosts"] == 1 and after["fleet"]["runs_in_window"] == before["fleet"]["runs_in_window"] + 1
scored = previous["summary"]["scored"]
for state in ("pass", "fail", "error"):
    assert after["fleet"][state] == before["fleet"][state] - scored[state], (state, after["fleet"], before["fleet"])
assert all(r["host"] != "web-02" for r in after["regressions"]), after["regressions"]
assert after["trend"] == before["trend"], "a failed run changed the trend"
assert '"failed","%s"' % failed["run"]["reason"] in csv_text, "the CSV hosts table does not say the run failed"
assert "run failed" in html and "could not audit: " + failed["run"]["reason"] in html
print("ok: a failed newest run shows as run failed:", web2["failure"])
PY
    # Filters narrow every table.
    "$DOCKCIS" fleet report --db "$work/fleet.db" --group db -o json="$work/db.json" || status=1
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [h["host"] for h in d["hosts"]] == ["db-01"], d["hosts"]' "$work/db.json" ||
      { echo "FAIL: --group db"; status=1; }
    "$DOCKCIS" fleet report --db "$work/fleet.db" --hosts 'web-*' -o json="$work/web.json" || status=1
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [h["host"] for h in d["hosts"]] == ["web-01", "web-02"], d["hosts"]' "$work/web.json" ||
      { echo "FAIL: --hosts web-*"; status=1; }
    ;;
  html)
    /usr/bin/python3 "$here/fleet_chromium.py" "$work/fleet.html" --screenshot /tmp/dockcis-fleet-screenshot.png --hostile "$third" || status=1
    ;;
esac
exit $status
