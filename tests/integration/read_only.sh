#!/usr/bin/env bash
# dockcis changes nothing: an audit of a fixture root (a copy of
# tests/fixtures/hosts/running) and of the live engine leaves the tree as it
# was (paths, types, modes, owners, times, link targets and contents), sends
# only GET requests (through a recording proxy), and the engine's own event
# stream shows no create, exec, start, stop, kill, die, destroy or delete
# while it runs.
# On an engine other work uses at the same time, set DOCKCIS_SHARED_ENGINE=1:
# events are then counted only for the objects this test created (the GET-only
# log still covers every request dockcis made).
source "$LIB"
require_engine
mkdir -p "$WORK/out" "$WORK/cwd"
cp -a "$SOURCE_DIR/tests/fixtures/hosts/running" "$WORK/root"

# Everything about the tree a write, chmod, chown, touch, rename or delete would change.
digest() {
  (cd "$1" && find . -printf '%p %y %m %U:%G %s %T@ %C@ %l\n' | LC_ALL=C sort &&
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}
# Mutating events: docker events --filter event=... names them per type.
MUTATIONS='create|exec_create|exec_start|exec_die|start|restart|stop|kill|die|destroy|delete|remove|rename|update|pause|unpause|commit|import|load|pull|push|tag|untag|attach|connect|disconnect|mount|unmount|prune'
# A container's HEALTHCHECK runs as exec_create/exec_start/exec_die events
# of its command: those are the engine's own, not an auditor's.
healthcheck_commands() {
  docker ps -aq --no-trunc | xargs -r docker inspect --format '{{json .}}' |
    jq -c '{(.Id): ((.Config.Healthcheck.Test // []) | if .[0] == "CMD" then [.[1:] | join(" ")]
             elif .[0] == "CMD-SHELL" then ["/bin/sh -c " + .[1]] else [] end)}' | jq -sc 'add // {}'
}
events_between() {
  local health
  health=$(healthcheck_commands)
  docker events --since "$1" --until "$2" --format '{{json .}}' |
    jq -c --arg prefix "$PREFIX" --arg shared "${DOCKCIS_SHARED_ENGINE:-}" --argjson health "$health" \
      'select(.Action | split(":")[0] | test("^('"$MUTATIONS"')$"))
       | select((.Action | test("^exec_")) and ((.Action | sub("^[a-z_]+: "; "")) as $cmd
                | ($health[.Actor.ID] // []) | index($cmd)) | not)
       | select($shared != "1" or ((.Actor.Attributes.name // "") | startswith($prefix)))
       | {Type, Action, name: .Actor.Attributes.name, id: .Actor.ID}'
}

# Something to look at: a running container with bind mounts and a created one.
mkdir -p "$WORK/a" "$WORK/b"
run mounts -v "$WORK/a:/a:ro" -v "$WORK/b:/b" dockcis-test/busybox
create idle --privileged dockcis-test/busybox
sleep 1

# The event query sees what it must: a container created and removed in a
# window of its own is reported (otherwise an empty answer proves nothing).
probe_start=$(date +%s.%N)
docker create --name "$PREFIX-probe" dockcis-test/busybox >/dev/null && docker rm "$PREFIX-probe" >/dev/null
probe_end=$(date +%s.%N)
sleep 1
CHECKS=$((CHECKS + 1))
probe=$(events_between "$probe_start" "$probe_end" | jq -r .Action | sort -u | tr '\n' ' ')
case "$probe" in
  *create*destroy*) ;;
  *) echo "FAIL: the event query did not see a container created and removed (got: $probe)"; FAILURES=$((FAILURES + 1)) ;;
esac

python3 "$(dirname "$LIB")/recording_proxy.py" "$WORK/proxy.sock" /var/run/docker.sock "$WORK/requests.log" &
proxy=$!
trap 'kill $proxy 2>/dev/null; cleanup' EXIT
for _ in $(seq 50); do [ -S "$WORK/proxy.sock" ] && break; sleep 0.1; done

before=$(digest "$WORK/root")
start=$(date +%s.%N)
(cd "$WORK/cwd" && "$DOCKCIS" audit --root "$WORK/root" --socket "$WORK/proxy.sock" \
  -o json="$WORK/out/report.json" -o html="$WORK/out/report.html" -o junit="$WORK/out/junit.xml" \
  -o xccdf="$WORK/out/xccdf.xml" -o text="$WORK/out/report.txt" 2>"$WORK/audit.err")
code=$?
(cd "$WORK/cwd" && "$DOCKCIS" facts --root "$WORK/root" --socket "$WORK/proxy.sock" -o "$WORK/out/facts.json" 2>>"$WORK/audit.err")
facts_code=$?
end=$(date +%s.%N)
sleep 1
after=$(digest "$WORK/root")

CHECKS=$((CHECKS + 1))
if [ "$code" -gt 1 ] || [ "$facts_code" -ne 0 ]; then
  echo "FAIL: dockcis audit exited $code, dockcis facts $facts_code"; cat "$WORK/audit.err"; FAILURES=$((FAILURES + 1))
fi
# The audit saw the fixture root and the live engine, or the rest proves nothing.
CHECKS=$((CHECKS + 1))
jq -e --arg name "$PREFIX-mounts" '.subjects as $s | [.results[] | .instances[]? | select($s[.subject].name == $name)] | length > 0' \
  "$WORK/out/report.json" >/dev/null &&
  jq -e '.facts["daemon.config"].value.options["data-root"].value == "/srv/docker"' "$WORK/out/facts.json" >/dev/null ||
  { echo "FAIL: the audit did not read both the fixture root and the live engine"; FAILURES=$((FAILURES + 1)); }

CHECKS=$((CHECKS + 1))
if [ "$before" != "$after" ]; then
  echo "FAIL: the fixture root changed during the audit"; FAILURES=$((FAILURES + 1))
fi
CHECKS=$((CHECKS + 1))
if [ -n "$(ls -A "$WORK/cwd")" ]; then
  echo "FAIL: dockcis wrote into its working directory:"; ls -la "$WORK/cwd"; FAILURES=$((FAILURES + 1))
fi

CHECKS=$((CHECKS + 1))
requests=$(wc -l <"$WORK/requests.log" 2>/dev/null || echo 0)
not_get=$(grep -v '^GET ' "$WORK/requests.log" 2>/dev/null)
if [ "$requests" -lt 5 ] || [ -n "$not_get" ]; then
  echo "FAIL: expected only GET requests through the proxy ($requests requests); others:"; echo "$not_get" | head
  FAILURES=$((FAILURES + 1))
fi
CHECKS=$((CHECKS + 1))
if grep -E '^GET [^ ]*/(exec|attach|archive|export|logs|stats|top|changes|events)([/?]|$)' "$WORK/requests.log"; then
  echo "FAIL: dockcis read an endpoint that touches or streams from a container"; FAILURES=$((FAILURES + 1))
fi

CHECKS=$((CHECKS + 1))
changes=$(events_between "$start" "$end")
if [ -n "$changes" ]; then
  echo "FAIL: the engine reported changes during the audit:"; echo "$changes" | head -20; FAILURES=$((FAILURES + 1))
fi
echo "read-only: $requests GET requests, fixture tree digest $before unchanged"
finish
