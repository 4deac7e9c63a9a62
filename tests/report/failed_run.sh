#!/usr/bin/env bash
# The last-resort barrier: an exception escaping the audit (forced with
# DOCKCIS_TEST_THROW, honoured by test builds only) and an engine that cannot
# be reached both end with exit 3, one message, and every report asked for
# written as a failed run: state "failed", the reason, no results, no score,
# and each format still valid for its consumer.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(dirname "$0")
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

outputs() {
  local dir=$1
  mkdir -p "$dir"
  for format in text json html junit xccdf sarif prometheus; do printf -- '-o\n%s=%s/report.%s\n' "$format" "$dir" "$format"; done
}

# run_failed LABEL REASON_PATTERN DIR -- command...: exit 3, one stderr line, no terminate.
run_failed() {
  local label=$1 pattern=$2 dir=$3
  shift 4
  "$@" >"$dir.out" 2>"$dir.err"
  local code=$?
  [ "$code" -eq 3 ] || fail "$label: exit $code, want 3"
  grep -q "terminate called" "$dir.err" && fail "$label: std::terminate"
  [ "$(wc -l <"$dir.err")" -eq 1 ] && grep -qE "^dockcis: $pattern" "$dir.err" || { fail "$label: stderr is not one message /$pattern/:"; cat "$dir.err"; }
}

# check_formats DIR REASON_PATTERN: every format says the run failed, and validates.
check_formats() {
  local dir=$1 pattern=$2
  grep -q "^dockcis: the audit could not run" "$dir/report.text" && grep -qE "Reason: $pattern" "$dir/report.text" ||
    fail "text: $(head -3 "$dir/report.text")"
  /usr/bin/python3 - "$SOURCE_DIR/schemas/dockcis-report-v2.schema.json" "$dir/report.json" "$pattern" <<'PY' || fail "json in $dir"
import json, re, sys
import jsonschema
schema, report = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(report))
for error in errors[:10]:
    print("FAIL: schema:", "/".join(map(str, error.path)), error.message[:200])
assert not errors
assert report["run"]["state"] == "failed" and re.search(sys.argv[3], report["run"]["reason"]), report.get("run")
assert report["results"] == [] and report["summary"]["score"] == 0, report["summary"]
print("ok: the failed-run JSON report matches the schema and claims nothing")
PY
  /usr/bin/python3 - "$dir/report.html" "$pattern" <<'PY' || fail "html in $dir"
import re, sys
from html.parser import HTMLParser
text = []
class Text(HTMLParser):
    def handle_data(self, data): text.append(data)
Text().feed(open(sys.argv[1]).read())
body = " ".join(text)
assert "could not run" in body and "Run failed." in body and re.search(sys.argv[2], body), body[:400]
assert "Compliant" not in body
PY
  local xsd="$SOURCE_DIR/../shared/schemas/junit.xsd"
  if [ -f "$xsd" ]; then xmllint --noout --schema "$xsd" "$dir/report.junit" 2>"$work/xmllint.log" || { fail "JUnit XSD"; cat "$work/xmllint.log"; }
  else xmllint --noout "$dir/report.junit" || fail "JUnit is not XML"; fi
  grep -q '<testsuite name="dockcis audit run".*errors="1"' "$dir/report.junit" && grep -qE '<error message="the audit could not run: ' "$dir/report.junit" ||
    fail "JUnit does not err: $(cat "$dir/report.junit")"
  oscap xccdf validate "$dir/report.xccdf" >"$work/oscap.log" 2>&1 || { fail "oscap rejects the XCCDF"; cat "$work/oscap.log"; }
  grep -q "<remark>The audit could not run: " "$dir/report.xccdf" || fail "XCCDF has no remark"
  grep -q "<rule-result" "$dir/report.xccdf" && fail "XCCDF claims rule results"
  promtool check metrics <"$dir/report.prometheus" >"$work/promtool.log" 2>&1 || { fail "promtool"; cat "$work/promtool.log"; }
  grep -qx "dockcis_audit_could_not_run 1" "$dir/report.prometheus" || fail "metrics do not say could-not-run"
  grep -q "dockcis_score_ratio" "$dir/report.prometheus" && fail "metrics carry a score"
  /usr/bin/python3 - "$dir/report.sarif" <<'PY' || fail "sarif in $dir"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
invocation = run["invocations"][0]
assert invocation["executionSuccessful"] is False and invocation["toolExecutionNotifications"][0]["level"] == "error", invocation
assert run["results"] == [] and "score" not in run["properties"], run["properties"]
PY
  "$sarif_tool" validate -o "$dir/sarif.validation" "$dir/report.sarif" >"$work/sarif.log" 2>&1 || { fail "SARIF Multitool"; cat "$work/sarif.log"; }
  /usr/bin/python3 -c '
import json, sys
bad = [r for run in json.load(open(sys.argv[1]))["runs"] for r in run.get("results", []) if r.get("level", "warning") in ("error", "warning")]
[print("FAIL: sarif:", r.get("ruleId"), r["message"].get("text")) for r in bad]
sys.exit(1 if bad else 0)' "$dir/sarif.validation" || fail "SARIF findings"
}

sarif_tool=$(bash "$here/sarif_tool.sh" "$work") || exit 1
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mapfile -t thrown < <(outputs "$work/thrown")
run_failed "std::exception" "internal error: test fault at collect" "$work/thrown" -- \
  env DOCKCIS_TEST_THROW=collect "$DOCKCIS" audit --facts "$FACTS" --no-color "${thrown[@]}"
check_formats "$work/thrown" "internal error: test fault at collect"

mapfile -t other < <(outputs "$work/other")
run_failed "an exception of no standard type" "internal error: an exception of unknown type" "$work/other" -- \
  env DOCKCIS_TEST_THROW=collect:other "$DOCKCIS" audit --facts "$FACTS" --no-color "${other[@]}"
check_formats "$work/other" "internal error: an exception of unknown type"

mapfile -t down < <(outputs "$work/down")
run_failed "engine unreachable" "the audit could not run: cannot connect to the Docker daemon at $work/absent.sock" "$work/down" -- \
  "$DOCKCIS" audit --socket "$work/absent.sock" --no-color "${down[@]}"
check_formats "$work/down" "cannot connect to the Docker daemon"

# Scheduled runs: the failed run's reports land in the directory, latest.* point at them.
env DOCKCIS_TEST_THROW=collect "$DOCKCIS" audit --facts "$FACTS" --output-dir "$work/reports" -o json -o prometheus >/dev/null 2>&1
[ $? -eq 3 ] || fail "--output-dir: exit code"
jq -e '.run.state == "failed"' "$work/reports/latest.json" >/dev/null 2>&1 || fail "--output-dir: latest.json is not the failed run"
grep -qx "dockcis_audit_could_not_run 1" "$work/reports/latest.prom" 2>/dev/null || fail "--output-dir: latest.prom"

# Standard output gets the failed report too (a pipeline sees a failed run, not nothing).
env DOCKCIS_TEST_THROW=collect "$DOCKCIS" audit --facts "$FACTS" -f json 2>/dev/null | jq -e '.run.state == "failed"' >/dev/null ||
  fail "-f json on standard output"

[ "$failures" -eq 0 ] && echo "every format reports the failed run" || { echo "$failures case(s) failed"; exit 1; }
