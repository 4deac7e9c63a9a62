#!/usr/bin/env bash
# dockcis watch against the fake engine (tests/fake_docker/server.py): the
# events it judges, and a stream that drops, stalls, sends garbage or whose
# socket goes away is survived with a reconnect and a full resync. SIGTERM
# stops within a second; SIGHUP reloads, and a broken file keeps the old set.
set -u
work=$(mktemp -d)
server_pid=""
watch_pid=""
cleanup() {
  [ -n "$watch_pid" ] && kill -KILL "$watch_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
checks=0
socket="$work/docker.sock"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# start_server SCENARIO [server.py options...]
start_server() {
  rm -f "$socket"
  python3 "$SOURCE_DIR/tests/fake_docker/server.py" "$socket" "$@" --log "$work/requests.log" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf --max-time 1 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "the fake engine ($1) did not start"
}

stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""; }

start_watch() {
  : >"$work/out.jsonl"
  : >"$work/err.log"
  "$DOCKCIS" watch --socket "$socket" --profile cis-docker-1.6.0 --debug --resync-after "${resync_after:-2s}" \
    --metrics "$work/watch.prom" "$@" >"$work/out.jsonl" 2>"$work/err.log" &
  watch_pid=$!
}

# wait_for FILE PATTERN [COUNT] [SECONDS]: until PATTERN has matched COUNT lines.
wait_for() {
  local file=$1 pattern=$2 count=${3:-1} seconds=${4:-15}
  for _ in $(seq $((seconds * 10))); do
    [ "$(grep -c -- "$pattern" "$file")" -ge "$count" ] && return 0
    sleep 0.1
  done
  return 1
}

expect() {
  checks=$((checks + 1))
  if wait_for "$@"; then ok "$2 (x${3:-1})"; else fail "no '$2' (x${3:-1}) in $1"; sed 's/^/    /' "$1" | tail -20; fi
}

# none_gone WHY: no line of the watch output tells a container gone.
none_gone() {
  checks=$((checks + 1))
  if grep -q '"change":"gone"' "$work/out.jsonl"; then fail "a container reported gone $1"; else ok "no container reported gone $1"; fi
}

# stop_watch: SIGTERM must end it, exit 0, within a second (SIGTERM_BOUND_MS:
# the sanitizer run of scripts/test.sh allows for its slower binary).
bound_ms=${SIGTERM_BOUND_MS:-1000}
stop_watch() {
  local started
  started=$(date +%s%N)
  kill -TERM "$watch_pid"
  for _ in $(seq $((bound_ms / 50))); do kill -0 "$watch_pid" 2>/dev/null || break; sleep 0.05; done
  local elapsed=$((($(date +%s%N) - started) / 1000000))
  checks=$((checks + 1))
  if kill -0 "$watch_pid" 2>/dev/null; then
    fail "still running ${elapsed} ms after SIGTERM"
    kill -KILL "$watch_pid"
  fi
  wait "$watch_pid"
  local code=$?
  [ "$code" -eq 0 ] && [ "$elapsed" -lt "$bound_ms" ] && ok "SIGTERM: exit 0 after ${elapsed} ms" || fail "SIGTERM: exit $code after ${elapsed} ms"
  watch_pid=""
}

listings() { grep -c ' /v[0-9.]*/containers/json?all=1$' "$work/requests.log"; }

echo "== events: judged one by one"
start_server events
start_watch --output-dir "$work/reports"
expect "$work/err.log" "subscribed to the events"
# db (privileged, from the first audit) fails 5.5; the started db is read again, unchanged.
expect "$work/out.jsonl" '"check":"container.privileged".*"name":"db".*"new":"fail","old":null'
expect "$work/err.log" "removed before it could be read: gone"
expect "$work/err.log" "event network create"
expect "$work/err.log" "event daemon reload"
expect "$work/err.log" "full audit:" 2
checks=$((checks + 1))
if jq -e -s 'all(.[]; .schema == "dockcis.watch/v1" and (.time | test("Z$")) and (.change | IN("new","changed","gone"))
                     and (.check | type == "string") and (.id | type == "string") and has("instance") and has("old")
                     and has("new") and (.reason | type == "string") and (.evidence | type == "array"))' \
   "$work/out.jsonl" >/dev/null; then ok "every line follows dockcis.watch/v1"; else fail "a line does not follow dockcis.watch/v1"; fi
checks=$((checks + 1))
jq -e '.schema == "dockcis.report/v2" and (.results | length > 0)' "$work/reports/latest.json" >/dev/null &&
  ok "the full audits wrote their report as a scheduled run does" || fail "no report in $work/reports"
checks=$((checks + 1))
grep -q '^dockcis_score_ratio' "$work/watch.prom" && ok "metrics written" || fail "no metrics in $work/watch.prom"
# The same state again: the resync after the silent stream reports no change.
lines=$(wc -l <"$work/out.jsonl")
expect "$work/err.log" "event stream stalled: no event for 2 s"
expect "$work/err.log" "subscribed to the events" 2
checks=$((checks + 1))
[ "$(wc -l <"$work/out.jsonl")" -eq "$lines" ] && ok "a resync of an unchanged host reports nothing" || fail "the resync reported changes"
stop_watch
stop_server

for scenario in events-drop events-garbage events-stall events-refused; do
  echo "== $scenario: reconnect and resync"
  : >"$work/requests.log"
  start_server "$scenario"
  start_watch
  case $scenario in
    events-drop) expect "$work/err.log" "event stream closed by the daemon" ;;
    events-garbage) expect "$work/err.log" "event stream garbled: not an event: this is not an event" ;;
    events-stall) expect "$work/err.log" "event stream stalled: an event line was left unfinished" ;;
    events-refused) expect "$work/err.log" "event stream refused: GET /events: HTTP 500" ;;
  esac
  expect "$work/err.log" "subscribed to the events" 2
  expect "$work/err.log" "full audit:" 2
  checks=$((checks + 1))
  [ "$(listings)" -ge 2 ] && ok "listed again after the reconnect" || fail "the containers were listed $(listings) times"
  stop_watch
  stop_server
done

echo "== the socket goes away and comes back"
: >"$work/requests.log"
start_server events
start_watch
expect "$work/err.log" "subscribed to the events"
stop_server
expect "$work/err.log" "reconnecting in"
expect "$work/err.log" "retrying in"
start_server events
expect "$work/err.log" "subscribed to the events" 2 40
expect "$work/err.log" "full audit:" 2
stop_watch
stop_server

echo "== SIGHUP reloads; a broken file keeps the loaded set"
start_server events
printf '{"schema": "dockcis.tailoring/v1", "extends": "cis-docker-1.6.0", "skip": ["5.5"]}\n' >"$work/tailoring.json"
start_watch --tailoring "$work/tailoring.json"
expect "$work/err.log" "full audit:" 1
checks=$((checks + 1))
grep -q '"check":"container.privileged"' "$work/out.jsonl" && fail "5.5 reported although skipped" || ok "5.5 skipped by the tailoring"
printf '{"schema": "dockcis.tailoring/v1", "extends": "cis-docker-1.6.0"}\n' >"$work/tailoring.json"
kill -HUP "$watch_pid"
expect "$work/err.log" "checks, tailoring and waivers reloaded"
expect "$work/out.jsonl" '"check":"container.privileged".*"name":"db".*"new":"fail"'
printf '{"schema": "dockcis.tailoring/v1", "nonsense": 1}\n' >"$work/tailoring.json"
kill -HUP "$watch_pid"
expect "$work/err.log" "reload refused, keeping the loaded checks"
checks=$((checks + 1))
kill -0 "$watch_pid" 2>/dev/null && ok "still watching after a refused reload" || fail "exited after a refused reload"
stop_watch
stop_server

echo "== SIGTERM in the middle of a full audit (40 inspects never answer)"
start_server events-stalled
start_watch
expect "$work/err.log" "subscribed to the events"
sleep 0.5
checks=$((checks + 1))
grep -q "full audit:" "$work/err.log" && fail "the full audit ended before the signal" || ok "the full audit is still waiting"
stop_watch
checks=$((checks + 1))
[ ! -s "$work/out.jsonl" ] && ok "nothing judged from the cut collection" || fail "lines from a cut collection: $(head -c 300 "$work/out.jsonl")"
stop_server

echo "== --deadline bounds a full audit (40 inspects never answer, a request may take a minute)"
start_server events-stalled
start_watch --timeout 60000 --deadline 2
expect "$work/err.log" "full audit:" 1 12
expect "$work/err.log" "subscribed to the events"
checks=$((checks + 1))
kill -0 "$watch_pid" 2>/dev/null && ok "still watching after the cut audit" || fail "exited after the cut audit"
stop_watch
stop_server

# The next two scenarios wait for watch's own resync timer (2 s after the
# event): a silent stream must not be taken for a stalled one first.
resync_after=20s
echo "== containers the engine would not list after their events: kept, then resynced"
start_server events-unlisted
start_watch
expect "$work/err.log" "container(s) not read: GET /containers/json.*HTTP 500"
expect "$work/err.log" "resyncing (images changed, containers could not be read"
expect "$work/err.log" "full audit:" 2
none_gone "for want of a list"
stop_watch
stop_server

echo "== a full audit whose container list fails: the check errs, no container is gone"
start_server events-list500
start_watch
expect "$work/err.log" "subscribed to the events" 2
expect "$work/err.log" "full audit:" 2
expect "$work/out.jsonl" '"check":"container.privileged".*"new":"error"'
expect "$work/err.log" "the full audit could not list the containers: .*HTTP 500.*; trying again in 250 ms"
expect "$work/err.log" "trying again in 500 ms"
none_gone "for a list that failed"
stop_watch
stop_server

echo "== a first full audit that cannot list the containers: written, tried again, written again listed"
start_server events-list500-once
start_watch --output-dir "$work/reports-once"
expect "$work/err.log" "the full audit could not list the containers: .*HTTP 500.*; trying again in 250 ms"
expect "$work/err.log" "full audit:" 2
sleep 0.5
checks=$((checks + 1))
jq -e '[.results[] | select(.key == "container.privileged")][0].instances | length > 0' "$work/reports-once/latest.json" >/dev/null &&
  ok "the report due was written by the full audit that listed the containers" ||
  fail "the latest report is the one that could not list the containers"
stop_watch
stop_server

echo "== a container list that will not be read by trying again: no retries"
start_server events-listobject
start_watch
expect "$work/err.log" "full audit:" 1
sleep 2
checks=$((checks + 1))
! grep -q "trying again" "$work/err.log" && [ "$(grep -c "full audit:" "$work/err.log")" -eq 1 ] && ok "no retry for a list of the wrong shape" ||
  fail "retried: $(grep -m1 "trying again" "$work/err.log")"
stop_watch
stop_server

echo "== a first full audit that fails is tried again, without waiting for the stream"
start_server events-pingfail
start_watch --timeout 1000
expect "$work/err.log" "full audit failed: .*timed out.*; trying again in 250 ms"
expect "$work/err.log" "full audit:" 1
expect "$work/out.jsonl" '"check":"container.privileged".*"name":"db".*"new":"fail"'
checks=$((checks + 1))
[ "$(grep -c "subscribed to the events" "$work/err.log")" -eq 1 ] && ok "retried on the same subscription" ||
  fail "the retry came from a new subscription"
stop_watch
stop_server

echo "== SIGTERM while an event's container read waits: nothing judged from the cut read"
start_server events-readstall
start_watch
expect "$work/err.log" "full audit:" 1
expect "$work/err.log" "event container start"
sleep 0.5
lines=$(wc -l <"$work/out.jsonl")
stop_watch
checks=$((checks + 1))
[ "$(wc -l <"$work/out.jsonl")" -eq "$lines" ] && ! grep -q "asked to exit" "$work/out.jsonl" && ok "no line from the cut read" ||
  fail "lines from the cut read: $(grep "asked to exit" "$work/out.jsonl" | head -c 300)"
stop_server

echo "== an event for a container whose id is not one: neither read nor gone"
start_server events-badids
start_watch
expect "$work/err.log" "full audit:" 1
expect "$work/err.log" "not an id dockcis asks the engine about; ignored"
none_gone "for an id not asked about"
stop_watch
stop_server

echo "== a burst of image events: one resync after the last"
: >"$work/requests.log"
start_server events-images
start_watch
expect "$work/err.log" "event image tag" 2
expect "$work/err.log" "resyncing (images changed, containers could not be read"
expect "$work/err.log" "full audit:" 2
sleep 3
checks=$((checks + 1))
resyncs=$(grep -c "resyncing (images changed" "$work/err.log")
[ "$resyncs" -eq 1 ] && [ "$(listings)" -eq 2 ] && ok "one resync for three image events" ||
  fail "$resyncs resyncs and $(listings) full listings for three image events"
stop_watch
stop_server
resync_after=2s

echo "== a stream that gives one event and closes, again and again: the backoff grows"
start_server events-onedrop
start_watch
expect "$work/err.log" "reconnecting in 500 ms"
expect "$work/err.log" "reconnecting in 1000 ms"
stop_watch
stop_server

echo "== a stream that closes, never silent for --resync-after: not healthy however long it lived, the backoff grows"
start_server events-dribbledrop
start_watch
expect "$work/err.log" "event stream closed by the daemon.*reconnecting in 500 ms"
expect "$work/err.log" "event stream closed by the daemon.*reconnecting in 1000 ms"
checks=$((checks + 1))
[ "$(grep -c "reconnecting in 250 ms" "$work/err.log")" -eq 1 ] && ok "the shortest delay once" ||
  fail "the backoff started again: $(grep -c "reconnecting in 250 ms" "$work/err.log") reconnects at 250 ms"
stop_watch
stop_server

echo "== --full-every while a full audit is retried: the retry's backoff sets the pace, not the period"
# A silent stream kept: every attempt comes from the retries or the period.
resync_after=60s
start_server events-list500
start_watch --full-every 1s
expect "$work/err.log" "the full audit could not list the containers: .*; trying again in 250 ms"
# Attempts 0, 0.25, 0.75, 1.75 and 3.75 s after the first; the next at 7.75 s.
sleep 7
checks=$((checks + 1))
attempts=$(grep -c "the full audit could not list the containers" "$work/err.log")
[ "$attempts" -ge 3 ] && [ "$attempts" -le 6 ] && ok "$attempts full audits in 7 s with --full-every 1s" ||
  fail "$attempts full audits in 7 s with --full-every 1s"
stop_watch
stop_server
resync_after=2s

echo "== a destroy event for a container the engine still lists: read, judged, not gone"
start_server events-falsedestroy
start_watch
expect "$work/err.log" "full audit:" 1
expect "$work/err.log" "destroyed, says an event, but the engine lists it"
expect "$work/err.log" "1 container(s) read in"
none_gone "for a destroy the list contradicts"
stop_watch
stop_server

echo "== a stream of blank lines (a proxy's keepalive): stalled after --resync-after all the same"
start_server events-blanklines
start_watch
expect "$work/err.log" "event stream stalled: no event for 2 s"
expect "$work/err.log" "subscribed to the events" 2
expect "$work/err.log" "full audit:" 2
stop_watch
stop_server

echo "== image events that never pause for the 2 s a resync waits: it comes 10 s after the first at most"
start_server events-imagesteady
start_watch
expect "$work/err.log" "full audit:" 1
expect "$work/err.log" "event image tag"
# The stream goes on for 30 s: a resync put off while it lasts would come after it.
expect "$work/err.log" "resyncing (images changed" 1 13
expect "$work/err.log" "full audit:" 2
stop_watch
stop_server

echo "== a burst of 300 creates in two parts cut mid-line: each container read once, the stream kept"
start_server events-burst --burst 300
start_watch
expect "$work/err.log" "subscribed to the events"
read_again() { sed -n 's/^debug: \([0-9]*\) container(s) read in.*/\1/p' "$work/err.log" | awk '{s += $1} END {print s + 0}'; }
for _ in $(seq 600); do [ "$(read_again)" -ge 300 ] && break; sleep 0.1; done
sleep 1
checks=$((checks + 1))
[ "$(read_again)" -eq 300 ] && ok "300 containers read again, in $(grep -c 'container(s) read in' "$work/err.log") batches" ||
  fail "$(read_again) containers read again for 300 creates"
checks=$((checks + 1))
grep -q "stalled\|reconnecting" "$work/err.log" && fail "the burst ended the stream: $(grep -m1 'stalled\|reconnecting' "$work/err.log")" ||
  ok "the stream kept through the burst"
checks=$((checks + 1))
[ "$(grep -c 'full audit:' "$work/err.log")" -eq 1 ] && ok "no resync for the burst" || fail "a resync after the burst"
stop_watch
stop_server

echo "== usage errors"
checks=$((checks + 1))
"$DOCKCIS" watch --socket "$socket" --full-every soon >/dev/null 2>"$work/usage.err"
code=$?
[ "$code" -eq 2 ] && grep -q -- "--full-every" "$work/usage.err" && ok "--full-every soon: exit 2" || fail "--full-every soon: exit $code"
# Longer than the clock could add (64-bit nanoseconds): refused, not wrapped round.
for period in 99999999999d 3651d; do
  checks=$((checks + 1))
  "$DOCKCIS" watch --socket "$socket" --full-every "$period" >/dev/null 2>"$work/usage.err"
  code=$?
  [ "$code" -eq 2 ] && grep -q -- "at most 3650d" "$work/usage.err" && ok "--full-every $period: exit 2" || fail "--full-every $period: exit $code"
done
checks=$((checks + 1))
"$DOCKCIS" watch --socket "$socket" --resync-after 99999999999d >/dev/null 2>"$work/usage.err"
code=$?
[ "$code" -eq 2 ] && grep -q -- "--resync-after" "$work/usage.err" && ok "--resync-after 99999999999d: exit 2" || fail "--resync-after 99999999999d: exit $code"

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
