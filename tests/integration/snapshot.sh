#!/usr/bin/env bash
# A facts snapshot evaluates to the same results as the live run.
source "$LIB"
require_engine
create bad --privileged -p 80:80 dockcis-test/busybox
run sshd dockcis-test/sshd
sleep 1
"$DOCKCIS" facts -o "$WORK/facts.json" || { echo "FAIL: dockcis facts"; exit 1; }
"$DOCKCIS" audit -f json >"$WORK/live.json"
"$DOCKCIS" audit -f json --facts "$WORK/facts.json" >"$WORK/replay.json"
# A container list entry's Status ("Up 2 seconds", shown to the reviewer of
# 5.9) is the engine's clock, not the container's state: the two runs read it
# at different times.
strip() {
  jq -S 'del(.run_id, .started_at, .finished_at) | .results |= map(del(.reason))
         | walk(if type == "object" then (if has("Names") and has("Status") then del(.Status) else . end) else . end)' "$1"
}
CHECKS=$((CHECKS + 1))
if ! diff <(strip "$WORK/live.json") <(strip "$WORK/replay.json") >"$WORK/diff"; then
  echo "FAIL: replayed results differ from the live run:"; head -40 "$WORK/diff"; FAILURES=$((FAILURES + 1))
fi
cp "$WORK/replay.json" "$WORK/report.json"
expect_instance 5.5 bad fail
expect_instance 5.7 sshd fail
# The snapshot is a documented format: schema, facts, and no daemon environment beyond HOME.
CHECKS=$((CHECKS + 1))
jq -e '.schema == "dockcis.facts/v1" and (.facts["daemon.config"].value.process.environment | keys - ["HOME", "XDG_CONFIG_HOME"] | length == 0)' "$WORK/facts.json" >/dev/null ||
  { echo "FAIL: snapshot format"; FAILURES=$((FAILURES + 1)); }
finish
