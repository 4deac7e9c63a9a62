#!/usr/bin/env bash
# The exit code table: compliant, findings, --min-score not met, bad arguments,
# engine unreachable. Facts come from small snapshots, so no engine is needed.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# shellcheck source=tests/cli/snapshot.sh
. "$(dirname "$0")/snapshot.sh"

check_exit() {
  local want=$1
  shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $* -> exit $got, want $want"; sed 's/^/    /' "$work/err"; failures=$((failures + 1))
  else
    echo "ok: exit $got: $*"
  fi
}

snapshot "$work/good.json" false bridge
snapshot "$work/privileged.json" true bridge
snapshot "$work/hostnet.json" false host
audit=("$DOCKCIS" audit --profile cis-docker-1.6.0 --no-color)

check_exit 0 "${audit[@]}" --facts "$work/good.json" --only 5.5,5.10
check_exit 1 "${audit[@]}" --facts "$work/privileged.json" --only 5.5,5.10
check_exit 1 "${audit[@]}" --facts "$work/hostnet.json" --only 5.10
# One of two fails: 50 %. --fail-on none leaves only the score to decide.
check_exit 1 "${audit[@]}" --facts "$work/privileged.json" --only 5.5,5.10 --fail-on none --min-score 60
check_exit 0 "${audit[@]}" --facts "$work/privileged.json" --only 5.5,5.10 --fail-on none --min-score 40
# A severity threshold: a privileged container is critical, host networking high.
check_exit 1 "${audit[@]}" --facts "$work/privileged.json" --only 5.5 --fail-on high
check_exit 1 "${audit[@]}" --facts "$work/privileged.json" --only 5.5 --fail-on critical
check_exit 1 "${audit[@]}" --facts "$work/hostnet.json" --only 5.10 --fail-on high
check_exit 0 "${audit[@]}" --facts "$work/hostnet.json" --only 5.10 --fail-on critical
# Bad arguments.
check_exit 2 "${audit[@]}" --facts "$work/good.json" --min-score 101
check_exit 2 "${audit[@]}" --facts "$work/good.json" --min-score nan
check_exit 2 "$DOCKCIS" audit --no-such-option
# A time the clock could not add (64-bit nanoseconds) is refused, not wrapped round.
check_exit 2 "$DOCKCIS" audit --deadline 99999999999999 --socket "$work/absent.sock"
check_exit 2 "$DOCKCIS" audit --deadline 604801 --socket "$work/absent.sock"
check_exit 2 "$DOCKCIS" audit --timeout 99999999999999 --socket "$work/absent.sock"
check_exit 3 "$DOCKCIS" audit --deadline 604800 --timeout 86400000 --socket "$work/absent.sock"
check_exit 2 "$DOCKCIS"
# Engine unreachable.
check_exit 3 "$DOCKCIS" audit --socket "$work/absent.sock"
check_exit 0 "$DOCKCIS" --help
grep -q "3  the audit could not run" "$work/out" || { echo "FAIL: --help does not list the exit codes"; failures=$((failures + 1)); }

# The JSON report names the failing container and its evidence.
"${audit[@]}" --facts "$work/privileged.json" --only 5.5 -f json >"$work/report.json" 2>/dev/null
python3 - "$work/report.json" <<'PY' || failures=$((failures + 1))
import json, sys
report = json.load(open(sys.argv[1]))
results = {r["id"]: r for r in report["results"]}
r = results["5.5"]
assert r["state"] == "fail", r["state"]
assert r["key"] and r["title"] and r["level"] == 1, r
assert report["subjects"][r["instances"][0]["subject"]]["name"] == "web" and r["instances"][0]["state"] == "fail", r["instances"]
assert results["5.10"]["state"] == "notselected", results["5.10"]["state"]
assert report["schema"] == "dockcis.report/v2"
print("ok: JSON report carries id, key, title, level, state and instances")
PY

# Scheduled runs: --output-dir gets timestamped files (0640) and latest links, stdout stays empty.
"${audit[@]}" --facts "$work/privileged.json" --output-dir "$work/reports" -o json -o html >"$work/stdout" 2>"$work/stderr"
[ "$?" -eq 1 ] || { echo "FAIL: --output-dir run exit code"; failures=$((failures + 1)); }
[ ! -s "$work/stdout" ] || { echo "FAIL: --output-dir also wrote to standard output"; failures=$((failures + 1)); }
[ "$(stat -c %a "$(readlink -f "$work/reports/latest.json")")" = 640 ] || { echo "FAIL: report mode is not 0640"; failures=$((failures + 1)); }
[ -L "$work/reports/latest.html" ] || { echo "FAIL: no latest.html link"; failures=$((failures + 1)); }
grep -q '^dockcis: cis-docker-1.6.0 score .*: findings$' "$work/stderr" || { echo "FAIL: no one-line summary for the journal"; failures=$((failures + 1)); }

# diff: a container turning privileged is a regression (exit 1); the way back is a fix (exit 0).
"${audit[@]}" --facts "$work/good.json" -f json >"$work/good-report.json" 2>/dev/null
"${audit[@]}" --facts "$work/privileged.json" -f json >"$work/bad-report.json" 2>/dev/null
check_exit 1 "$DOCKCIS" diff "$work/good-report.json" "$work/bad-report.json"
grep -q "now failing: web" "$work/out" || { echo "FAIL: diff does not name the container"; failures=$((failures + 1)); }
grep -q "^5.5 " <(sed 's/^  //' "$work/out") || { echo "FAIL: diff does not list 5.5"; cat "$work/out"; failures=$((failures + 1)); }
check_exit 0 "$DOCKCIS" diff "$work/bad-report.json" "$work/good-report.json"
grep -q "1 fixed" "$work/out" || { echo "FAIL: diff does not count the fix"; cat "$work/out"; failures=$((failures + 1)); }
check_exit 0 "$DOCKCIS" diff -f json "$work/good-report.json" "$work/good-report.json"
check_exit 2 "$DOCKCIS" diff "$work/good.json" "$work/good-report.json"

[ "$failures" -eq 0 ] && echo "exit codes as documented" || { echo "$failures case(s) failed"; exit 1; }
