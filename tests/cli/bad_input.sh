#!/usr/bin/env bash
# Bad input gives a clear message and the documented exit code, never a crash.
set -u
work=$(mktemp -d)
fake_pid=""
trap 'if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null; fi; rm -rf "$work"' EXIT
failures=0

# expect CODE PATTERN -- command...: runs the command, checks exit code and stderr.
expect() {
  local code=$1 pattern=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -qE -- "$pattern" "$work/err"; then
    echo "FAIL: $* -> exit $got (want $code), stderr:"; sed 's/^/    /' "$work/err"
    failures=$((failures + 1))
  else
    echo "ok: $* -> $code: $(head -c 160 "$work/err" | tr '\n' ' ')"
  fi
}

# A malformed check file: exit 2, every problem with file and JSON pointer.
mkdir -p "$work/checks"
cat >"$work/checks/bad.json" <<'JSON'
{"schema": "dockcis.checks/v1", "checks": [
  {"key": "x.y", "title": "t", "description": "d", "remediation": "r",
   "test": {"fact": "engine.inf", "select": "/Debug", "op": "eqq", "value": false}}]}
JSON
expect 2 "bad.json:/checks/0/test/fact: unknown fact 'engine.inf' \(did you mean 'engine.info'\?\)" -- \
  "$DOCKCIS" validate --checks-dir "$work/checks"
expect 2 "/checks/0/test/op: unknown operator 'eqq'" -- "$DOCKCIS" audit --checks-dir "$work/checks" --socket /nonexistent.sock
echo '{"schema": "dockcis.checks/v1", "checks": [' >"$work/checks/bad.json"
expect 2 "bad.json: invalid JSON" -- "$DOCKCIS" validate --checks-dir "$work/checks"

# Unknown profile and selectors: exit 2 before any collection.
mkdir -p "$work/facts"
printf '{"schema": "dockcis.facts/v1", "meta": {}, "facts": {"engine.version": {"value": {"Version": "20.10.24"}}}}' >"$work/facts/min.json"
expect 2 "unknown profile 'cis-docker-9.9.9' \(available: cis-docker-1.6.0" -- "$DOCKCIS" audit --profile cis-docker-9.9.9 --facts "$work/facts/min.json"
expect 2 "no recommendation, section or key '9.99'" -- "$DOCKCIS" audit --only 9.99 --facts "$work/facts/min.json"
expect 2 "--fail-on: 'sometimes'" -- "$DOCKCIS" audit --fail-on sometimes --facts "$work/facts/min.json"
expect 2 "unknown output format 'pdf'" -- "$DOCKCIS" audit -f pdf --facts "$work/facts/min.json"
expect 2 "README.md is not valid JSON" -- "$DOCKCIS" audit --facts "$SOURCE_DIR/README.md"
echo '{"schema": "other"}' >"$work/other.json"
expect 2 "not a facts snapshot" -- "$DOCKCIS" audit --facts "$work/other.json"
# Which of a key given twice holds is a reader's guess: neither is taken.
printf '{"schema": "dockcis.facts/v1", "facts": {"engine.info": {"value": {}}, "engine.info": {"unavailable": "HTTP 500"}}}' >"$work/twice.json"
expect 2 'holds the key "engine.info" twice in one object' -- "$DOCKCIS" audit --facts "$work/twice.json"
printf '{"schema": "dockcis.facts/v1", "facts": {"engine.info": {"value": {}, "unavailable": "HTTP 500"}}}' >"$work/both.json"
expect 2 'fact "engine.info" has both "value" and "unavailable"' -- "$DOCKCIS" audit --facts "$work/both.json"
expect 2 "cannot read facts snapshot" -- "$DOCKCIS" audit --facts "$work/none.json"
truncate -s 257M "$work/huge.json"
expect 2 "huge.json: larger than 256 MiB" -- "$DOCKCIS" audit --facts "$work/huge.json"
rm -f "$work/huge.json"
expect 2 "level" -- "$DOCKCIS" audit --level 3 --facts "$work/facts/min.json"
expect 2 "unknown parameter 'no_such_param'" -- "$DOCKCIS" audit --param no_such_param=1 --facts "$work/facts/min.json"
echo '{"schema": "dockcis.tailoring/v1", "levle": 1}' >"$work/tailoring.json"
expect 2 "tailoring.json:/levle: unknown key 'levle' \(did you mean 'level'\?\)" -- "$DOCKCIS" audit --tailoring "$work/tailoring.json" --facts "$work/facts/min.json"
echo '{"schema": "dockcis.waivers/v1", "waivers": [{"check": "container.privileged"}]}' >"$work/waivers.json"
expect 2 "'justification' is required" -- "$DOCKCIS" audit --waivers "$work/waivers.json" --facts "$work/facts/min.json"

# The socket is missing: exit 3 and the path in the message.
expect 3 "/nonexistent/docker.sock" -- "$DOCKCIS" audit --socket /nonexistent/docker.sock
expect 3 "/nonexistent/env.sock" -- env DOCKER_HOST=unix:///nonexistent/env.sock "$DOCKCIS" audit
expect 2 "unix://" -- env DOCKER_HOST=tcp://127.0.0.1:2375 "$DOCKCIS" audit

# A daemon that accepts connections but never answers: exit 3 after the timeout.
python3 - "$work/silent.sock" <<'PY' &
import socket, sys, time
import os
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
# Listen before the socket appears under its name, so nobody connects too early.
s.bind(sys.argv[1] + ".tmp"); s.listen(16); os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
deadline = time.time() + 60
while time.time() < deadline:
    s.settimeout(1)
    try:
        held.append(s.accept()[0])
    except OSError:
        pass
PY
fake_pid=$!
for _ in $(seq 50); do [ -S "$work/silent.sock" ] && break; sleep 0.1; done
start=$(date +%s)
expect 3 "timed out|did not answer|timeout" -- "$DOCKCIS" audit --socket "$work/silent.sock" --timeout 1000
elapsed=$(( $(date +%s) - start ))
if [ "$elapsed" -gt 30 ]; then echo "FAIL: a silent daemon took ${elapsed}s"; failures=$((failures + 1)); fi

[ "$failures" -eq 0 ] && echo "all bad-input cases behave" || { echo "$failures case(s) failed"; exit 1; }
