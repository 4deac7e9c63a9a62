#!/usr/bin/env bash
# Prometheus textfile metrics checked by promtool: a real audit of this host,
# and an audit that could not run (exit 3), which must still write its file.
source "$(dirname "$0")/lib.sh"
require_engine

"$DOCKCIS" audit -o prometheus="$work/audit.prom" -o json="$work/audit.json" >/dev/null 2>"$work/err"
rc=$?
check "a real audit wrote its metrics (exit $rc)" bash -c "[ $rc -le 1 ] && [ -s '$work/audit.prom' ]"
check "promtool check metrics: a real audit" bash -c "promtool check metrics <'$work/audit.prom'"
check "the metrics are readable by node_exporter's user (mode 0644)" test "$(stat -c %a "$work/audit.prom")" = 644
check "the metrics say the audit ran" grep -qx 'dockcis_audit_could_not_run 0' "$work/audit.prom"
# The numbers are the JSON report's.
fails=$(jq '.summary.counts.fail' "$work/audit.json")
check "dockcis_results{state=\"fail\"} is the report's fail count ($fails)" grep -qx "dockcis_results{state=\"fail\"} $fails" "$work/audit.prom"
score=$(jq ".summary.score / 100" "$work/audit.json")
prom_score=$(sed -n 's/^dockcis_score_ratio //p' "$work/audit.prom")
check "dockcis_score_ratio is the report's score ($score)" awk -v a="$score" -v b="$prom_score" 'BEGIN { d = a - b; exit !(b != "" && d < 0.0001 && d > -0.0001) }'
severity_sum=$(awk '/^dockcis_failed_checks{/ { sum += $2 } END { print sum + 0 }' "$work/audit.prom")
waived_fails=$(jq '[.results[] | select(.state == "fail")] | length' "$work/audit.json")
check "failed checks by severity add up to the failed checks ($waived_fails)" test "$severity_sum" = "$waived_fails"

# Could not run: no engine behind the socket. The file is still written, and says so.
"$DOCKCIS" audit --socket "$work/no-engine.sock" -o prometheus="$work/failed.prom" >/dev/null 2>"$work/err"
rc=$?
check "an audit without an engine exits 3" test "$rc" -eq 3
check "promtool check metrics: an audit that could not run" bash -c "promtool check metrics <'$work/failed.prom'"
check "the metrics say it could not run" grep -qx 'dockcis_audit_could_not_run 1' "$work/failed.prom"
check "no score when it could not run" bash -c "! grep -q '^dockcis_score_ratio' '$work/failed.prom'"

# Reports that cannot be written are found before collection: exit 3, one
# message, and nothing written, the metrics included (dockcis(8), -o).
"$DOCKCIS" audit --output-dir /proc/dockcis-reports -o json -o prometheus="$work/unwritable.prom" >/dev/null 2>"$work/err"
rc=$?
check "reports that cannot be written: exit 3" test "$rc" -eq 3
check "reports that cannot be written: nothing written" test ! -e "$work/unwritable.prom"

# In a report directory: dockcis-STAMP.prom and latest.prom, like the other formats.
"$DOCKCIS" audit --output-dir "$work/reports" -o json -o prometheus >/dev/null 2>&1
check "--output-dir writes latest.prom" bash -c "promtool check metrics <'$work/reports/latest.prom'"
finish
