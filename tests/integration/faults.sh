#!/usr/bin/env bash
# Fault cases against a fake Engine API: each gives error results or a clear
# message and exit code, never a crash and never a false pass.
source "$LIB"
server="$SOURCE_DIR/tests/fake_docker/server.py"
fake_pid=""
stop_fake() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null; fake_pid=""; }
start_fake() {
  stop_fake
  rm -f "$WORK/fake.sock"
  /usr/bin/python3 "$server" "$WORK/fake.sock" "$1" &
  fake_pid=$!
  # The socket file exists from bind(); wait until it answers.
  for _ in $(seq 100); do curl -sf --max-time 1 --unix-socket "$WORK/fake.sock" http://localhost/_ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "FAIL: fake daemon did not start"; exit 1
}
trap 'stop_fake; cleanup' EXIT
web=$(printf 'c1%.0s' $(seq 32)); db=$(printf 'c2%.0s' $(seq 32))
audit_fake() {
  "$DOCKCIS" audit -f json --profile cis-docker-1.6.0 --socket "$WORK/fake.sock" "$@" >"$WORK/report.json" 2>"$WORK/audit.err"
  echo $?
}
expect_exit() {
  CHECKS=$((CHECKS + 1))
  [ "$1" = "$2" ] || { echo "FAIL: exit $1, expected $2 ($3)"; cat "$WORK/audit.err"; FAILURES=$((FAILURES + 1)); }
}
reason_has() {
  CHECKS=$((CHECKS + 1))
  jq -r --arg id "$1" '.results[] | select(.id == $id) | [.reason, (.instances[]?.reason // "")] | join(" ")' "$WORK/report.json" | grep -q -- "$2" ||
    { echo "FAIL: $1 does not say '$2'"; FAILURES=$((FAILURES + 1)); }
}

start_fake normal
expect_exit "$(audit_fake --only 5.5)" 1 "normal: a privileged exited container"
expect_instance_raw() {
  CHECKS=$((CHECKS + 1))
  local got
  got=$(jq -r --arg id "$1" --arg name "$2" '.results[] | select(.id == $id) | .instances[] | select(.name == $name) | .state' "$WORK/report.json")
  [ "$got" = "$3" ] || { echo "FAIL: $1 $2 is '$got', expected '$3'"; FAILURES=$((FAILURES + 1)); }
}
expect_instance_raw 5.5 web pass
expect_instance_raw 5.5 db fail

start_fake http500
expect_exit "$(audit_fake --only 5)" 1 "HTTP 500 on the container list"
expect_state 5.5 error
reason_has 5.5 "HTTP 500: fake daemon failure"
CHECKS=$((CHECKS + 1))
passed=$(jq '[.results[] | select(.id | startswith("5.")) | select(.state == "pass")] | length' "$WORK/report.json")
[ "$passed" -le 1 ] || { echo "FAIL: $passed section-5 checks pass without a container list"; FAILURES=$((FAILURES + 1)); }

start_fake malformed
expect_exit "$(audit_fake --only 2.15,2.6)" 1 "malformed /info"
expect_state 2.6 error
reason_has 2.6 "malformed JSON"

start_fake truncated
expect_exit "$(audit_fake --only 5.5)" 1 "truncated inspect"
expect_instance_raw 5.5 web error
reason_has 5.5 "truncated"

start_fake removed
expect_exit "$(audit_fake --only 5.5,5.10)" 1 "container removed mid-scan"
expect_instance_raw 5.10 db error
expect_instance_raw 5.10 web pass
reason_has 5.10 "container db was removed during the scan"

start_fake slow
expect_exit "$(audit_fake --only 2.6 --timeout 700)" 1 "slow /info"
expect_state 2.6 error
reason_has 2.6 "did not answer"

stop_fake
expect_exit "$(audit_fake --only 2.6)" 3 "daemon down"
grep -q "cannot connect to the Docker daemon at $WORK/fake.sock: connection refused" "$WORK/audit.err" || { echo "FAIL: daemon-down message"; FAILURES=$((FAILURES + 1)); }

# Permission denied on the socket: nobody, outside the docker group.
if command -v setpriv >/dev/null && [ -S /var/run/docker.sock ]; then
  CHECKS=$((CHECKS + 1))
  setpriv --reuid=65534 --regid=65534 --clear-groups "$DOCKCIS" audit --only 2.6 >/dev/null 2>"$WORK/audit.err"
  code=$?
  [ "$code" = 3 ] && grep -q "permission denied on /var/run/docker.sock" "$WORK/audit.err" ||
    { echo "FAIL: permission denied gave exit $code:"; cat "$WORK/audit.err"; FAILURES=$((FAILURES + 1)); }
fi
finish
