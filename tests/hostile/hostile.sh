#!/usr/bin/env bash
# Hostile input, one case per class, against the fake Engine API
# (tests/fake_docker, scenarios in hostile.py) and a fixture root: each case has
# an exact outcome (exit code, states, message) and bounds on wall time and
# peak memory measured with /usr/bin/time -v. Nothing here touches the real engine.
set -u
work=$(mktemp -d)
server="$SOURCE_DIR/tests/fake_docker/server.py"
fake_pid=""
stop_fake() { if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null; wait "$fake_pid" 2>/dev/null; fi; fake_pid=""; }
trap 'stop_fake; rm -rf "$work"' EXIT
failures=0 checks=0
fail() { echo "FAIL: $scenario: $*"; failures=$((failures + 1)); }

start_fake() {
  stop_fake
  scenario=$1
  rm -f "$work/fake.sock"
  /usr/bin/python3 "$server" "$work/fake.sock" "$@" &
  fake_pid=$!
  for _ in $(seq 200); do curl -sf --max-time 1 --unix-socket "$work/fake.sock" http://localhost/_ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "FAIL: the fake engine did not start for $1"; exit 1
}

# audit MAX_SECONDS MAX_MB [dockcis audit options...]: runs dockcis against the
# fake engine, JSON report in $work/report.json, text on stderr to $work/err;
# sets $code and checks the time and memory bounds.
audit() {
  local max_seconds=$1 max_mb=$2
  shift 2
  /usr/bin/time -v -o "$work/time" "$DOCKCIS" audit --socket "$work/fake.sock" --root "$root" --profile cis-docker-1.6.0 \
    -o json="$work/report.json" -o text="$work/report.txt" --no-color "$@" >/dev/null 2>"$work/err"
  code=$?
  local rss seconds
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print int(s + 0.5) }')
  checks=$((checks + 1))
  echo "  $scenario: exit $code, ${seconds}s, $((rss / 1024)) MB"
  [ "$seconds" -le "$max_seconds" ] || fail "took ${seconds}s (bound ${max_seconds}s)"
  [ $((rss / 1024)) -le "$max_mb" ] || fail "peak memory $((rss / 1024)) MB (bound ${max_mb} MB)"
  grep -q "terminate called\|Assertion\|Segmentation" "$work/err" && fail "crashed: $(cat "$work/err")"
}
expect_exit() { checks=$((checks + 1)); [ "$code" -eq "$1" ] || { fail "exit $code, expected $1"; sed 's/^/    /' "$work/err"; }; }
# state KEY [INSTANCE] EXPECTED
state() {
  checks=$((checks + 1))
  local got
  if [ $# -eq 3 ]; then
    got=$(jq -r --arg k "$1" --arg n "$2" '.subjects as $s | .results[] | select(.key == $k) | .instances[] | select($s[.subject].name == $n) | .state' "$work/report.json")
    [ "$got" = "$3" ] || fail "$1 [$2] is '$got', expected '$3'"
  else
    got=$(jq -r --arg k "$1" '.results[] | select(.key == $k) | .state' "$work/report.json")
    [ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'"
  fi
}
# reason KEY PATTERN: the result's or an instance's reason matches.
reason() {
  checks=$((checks + 1))
  jq -r --arg k "$1" '.results[] | select(.key == $k) | [.reason, (.instances[]?.reason // "")] | join("\n")' "$work/report.json" |
    grep -qE -- "$2" || fail "$1 does not say /$2/: $(jq -c --arg k "$1" '.results[] | select(.key == $k) | [.reason, [.instances[]?.reason]]' "$work/report.json")"
}
stderr_is() { checks=$((checks + 1)); [ "$(wc -l <"$work/err")" -eq 1 ] && grep -qE -- "$1" "$work/err" || fail "stderr is not /$1/: $(cat "$work/err")"; }

# A fixture root whose daemon.json enables live-restore: the configuration alone
# must not pass 2.15 when the engine cannot be read.
root="$work/root"
mkdir -p "$root/etc/docker"
echo '{"live-restore": true, "icc": false}' >"$root/etc/docker/daemon.json"

start_fake longrun
audit 20 300 --only image.no_secrets,image.copy_not_add
expect_exit 0
state image.no_secrets app:1 pass
state image.copy_not_add app:1 pass

# The engine answers, but the fixture root shows no dockerd and no unit: the
# flags are unknown, so iptables' default must not pass for them.
audit 20 300 --only daemon.iptables
expect_exit 1
state daemon.iptables error
reason daemon.iptables "command-line options are unknown"

start_fake bigenv
audit 20 300 --only image.no_secrets
expect_exit 1
state image.no_secrets app:1 fail
reason image.no_secrets "DB_PASSWORD"
checks=$((checks + 1))
[ "$(stat -c %s "$work/report.json")" -lt 2000000 ] || fail "the 300 KB value is copied into the report in full ($(stat -c %s "$work/report.json") bytes)"

start_fake latin1
audit 20 300 --only container.privileged,image.no_secrets
expect_exit 1
state container.privileged "caf�" pass
state image.no_secrets error
reason image.no_secrets "HTTP 500: .*le d�p�t d'images est cass�"
checks=$((checks + 1))
iconv -f UTF-8 -t UTF-8 "$work/report.json" >/dev/null 2>&1 || fail "the JSON report is not UTF-8"

start_fake wrongtypes
audit 20 300 --only container.privileged,container.sensitive_mounts,engine.swarm_disabled,daemon.live_restore,container.host_pid,container.host_ipc
expect_exit 1
state container.privileged db error
reason container.privileged "has no field /HostConfig/Privileged"
state container.privileged c1c1c1c1c1c1 pass
state container.sensitive_mounts c1c1c1c1c1c1 error
reason container.sensitive_mounts "expected a list at /Mounts, found an object"
state engine.swarm_disabled error
reason engine.swarm_disabled "expected an object at /Swarm, found a text"
state container.host_pid c1c1c1c1c1c1 error
reason container.host_pid "expected a text, found an object"
state container.host_ipc c1c1c1c1c1c1 error
reason container.host_ipc "has null for /HostConfig/IpcMode"

start_fake info500
audit 20 300 --only daemon.live_restore,daemon.icc
expect_exit 1
state daemon.live_restore error
reason daemon.live_restore "HTTP 500: info unavailable"

start_fake deep
audit 20 300 --only container.privileged
expect_exit 1
state container.privileged error
reason container.privileged "nested deeper than 64"

start_fake stall
audit 20 300 --only container.privileged --timeout 1000
expect_exit 1
state container.privileged web error
state container.privileged db fail
reason container.privileged "did not answer"

# The run's deadline: with a generous request timeout, the stalled inspect is
# cut at --deadline, everything after it is not asked (timed out), the host
# facts of each container (its processes, its main process) are not read and
# say why, and the report is written.
audit 8 300 --only container.privileged,image.no_secrets,container.sshd,container.user --timeout 60000 --deadline 2
expect_exit 1
state container.privileged web error
reason container.privileged "timed out after 2(\.0)? s \(the run's deadline\)|deadline"
state image.no_secrets error
reason image.no_secrets "deadline \(--deadline\) had passed"
state container.sshd web error
reason container.sshd "not read: the run's deadline \(--deadline\) had passed"
state container.user web error
reason container.user "deadline \(--deadline\)"
checks=$((checks + 1))
if jq -r '.results[] | [.reason, (.instances[]?.reason // "")] | join("\n")' "$work/report.json" | grep -q "not collected"; then
  fail "a fact the deadline cut says 'not collected'"
fi
checks=$((checks + 1))
# The errors are of kind timed_out, and the hint names the option that cut them.
grep -A1 "/processes: not read: the run's deadline (--deadline) had passed" "$work/report.txt" | grep -q "Hint: .*raise --deadline" ||
  fail "the hint of a container's processes cut by the deadline does not name --deadline"

# The engine's first questions (/version, /info) are asked while the catalogue
# loads: a run that stops before collecting (a catalogue that does not load)
# stops them rather than wait for their timeout; one that collects waits for
# them, and a /version never answered is one message and exit 3.
start_fake slowfirst
audit 5 300 --only container.privileged --timeout 20000 --checks-dir "$work/no-such-dir"
expect_exit 2
checks=$((checks + 1))
grep -q "no-such-dir: not a directory" "$work/err" || fail "the missing checks directory is not named: $(cat "$work/err")"
audit 8 300 --only daemon.live_restore --timeout 2000
expect_exit 3
stderr_is "GET /version: .* did not answer: timed out after 2 s"

start_fake controls
audit 20 300 --only container.privileged
expect_exit 1
state container.privileged fail
checks=$((checks + 1))
# The text report (and the terminal) never gets a raw C1 control or a bidi override.
if LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\xe2\x80\xae|\x1b' "$work/report.txt"; then fail "raw control characters in the text report"; fi
grep -q 'web' "$work/report.txt" || fail "the container is not named in the text report"

start_fake apimin --api-version 1.50
audit 20 300 --only container.privileged
expect_exit 3
stderr_is "1\.48.*1\.24.*1\.47|1\.24.*1\.47.*1\.48"

# A version that is not one (here with a path in it) stops the run the same
# way, quoted, before any request carries it.
start_fake normal --api-version '1.43/../../containers'
audit 20 300 --only container.privileged
expect_exit 3
stderr_is 'told an API version that is not one: "1\.43/\.\./\.\./containers"'

# libcurl is opened when the engine is first asked (curl_library.hpp). Where
# it cannot be (an empty file bound over it, in a mount namespace of the
# run's own), the audit stops with exit 3 and the loader's reason, and
# validate, which never asks an engine, still runs.
libcurl=$(ldconfig -p | sed -n 's/.*libcurl\.so\.4 (libc6,x86-64) => //p' | head -1)
if [ -n "$libcurl" ] && unshare -m true 2>/dev/null; then
  printf '#!/bin/sh\nexec unshare -m sh -c %s %s %s "$@"\n' \
    "'mount --bind /dev/null \"\$0\" && exec \"\$@\"'" "$(readlink -f "$libcurl")" "$DOCKCIS" >"$work/without-libcurl"
  chmod +x "$work/without-libcurl"
  start_fake normal
  scenario="normal, without libcurl"
  with_libcurl=$DOCKCIS DOCKCIS="$work/without-libcurl"
  audit 20 300 --only container.privileged
  expect_exit 3
  stderr_is 'GET /_ping: cannot load libcurl: .*libcurl\.so\.4'
  checks=$((checks + 1))
  "$DOCKCIS" validate >/dev/null 2>"$work/err" || fail "validate failed without libcurl: $(cat "$work/err")"
  DOCKCIS=$with_libcurl
else
  echo "  skipped: no mount namespace to hide libcurl in"
fi

start_fake removed
audit 20 300 --only container.privileged
expect_exit 1
state container.privileged db error
reason container.privileged "removed during the scan"

# 180,000 listed containers (a 50 MB list): above --max-containers (10,000 by
# default) the list is refused whole, counted without building its document,
# so every per-container check is an error naming the count and the limit.
# About 1 s and 110 MB (the 50 MB body) here, 10 s and 250 MB under ASan;
# reading it whole took 926 MB.
start_fake biglist
audit 30 400 --only container.privileged,container.host_network
expect_exit 1
state container.privileged error
state container.host_network error
reason container.privileged "lists 180000 containers, more than dockcis reads in one audit \(10000, --max-containers\)"
checks=$((checks + 1))
grep -A2 "ERROR 5.5" "$work/report.txt" | grep -q "Hint: .*size limits" || fail "5.5's error is not of kind too_large"

# The cap is the user's: below the list's length it refuses the list, at it
# every container is read.
start_fake normal
audit 20 300 --only container.privileged --max-containers 1
expect_exit 1
state container.privileged error
reason container.privileged "lists 2 containers, more than dockcis reads in one audit \(1, --max-containers\)"
audit 20 300 --only container.privileged --max-containers 2
expect_exit 1
state container.privileged web pass
state container.privileged db fail

# The engine failing one document at a time: each is an error in the engine's
# words for what reads it, never a pass.
start_fake http500
audit 20 300 --only 5
expect_exit 1
state container.privileged error
reason container.privileged "HTTP 500: fake daemon failure"
checks=$((checks + 1))
passed=$(jq '[.results[] | select(.id | startswith("5.")) | select(.state == "pass")] | length' "$work/report.json")
[ "$passed" -le 1 ] || fail "$passed section-5 checks pass without a container list"

start_fake malformed
audit 20 300 --only daemon.storage_not_aufs
expect_exit 1
state daemon.storage_not_aufs error
reason daemon.storage_not_aufs "malformed JSON"

start_fake truncated
audit 20 300 --only container.privileged
expect_exit 1
state container.privileged web error
reason container.privileged "truncated"

start_fake slow
audit 20 300 --only daemon.storage_not_aufs --timeout 700
expect_exit 1
state daemon.storage_not_aufs error
reason daemon.storage_not_aufs "did not answer"

# Listed ids that are not ids are never put into a request: those instances
# are an error, and the fake engine sees no path but the expected ones. db,
# listed twice, is one instance (the first entry wins).
start_fake badids --log "$work/requests.log"
audit 20 300 --only container.privileged,image.no_secrets
expect_exit 1
state container.privileged slash error
reason container.privileged 'the engine listed a container id that is not an id: "\.\./\.\./images/json\?x="; it was not asked for'
state container.privileged query error
state container.privileged db fail
state image.no_secrets evil:1 error
reason image.no_secrets 'the engine listed an image id that is not an id: "\.\./\.\./containers/json"'
checks=$((checks + 1))
[ "$(jq '[.subjects[] | select(.name == "db" or .name == "db-again")] | length' "$work/report.json")" -eq 1 ] ||
  fail "db listed twice is not one instance: $(jq -c '[.subjects[].name]' "$work/report.json")"
checks=$((checks + 1))
unexpected=$(cut -d' ' -f2- "$work/requests.log" | grep -vE '^(/_ping|/v1\.43/(version|info|containers/json\?all=1|images/json|networks|containers/(c1|c2){32}/json|images/sha256:(a1){32}/(json|history)|networks/(n1){32}))$')
grep -q "^[0-9]* /v1.43/containers/json" "$work/requests.log" || fail "the fake engine logged no requests"
[ -z "$unexpected" ] || fail "requests outside the expected paths: $unexpected"

# An inspect that answers with another container's document is not judged.
start_fake foreignid
audit 20 300 --only container.privileged
expect_exit 1
state container.privileged web error
reason container.privileged "the engine answered the inspect of container \"c1(c1){31}\" with the document of \"c2(c2){31}\""
state container.privileged db fail

# Names, image references and ids of megabytes are shown cut in every
# report (1 KiB and "…"), not copied into each result that names them:
# the id, which is no id, is an error for its container.
start_fake longnames
audit 20 400 --only 5
expect_exit 1
state container.privileged long-id error
reason container.privileged 'the engine listed a container id that is not an id: "(c3){40}"\.\.\. \(3000000 bytes\)'
checks=$((checks + 1))
longest=$(jq '[.subjects[] | (.id, .name, .image // "") | utf8bytelength] | max' "$work/report.json")
[ "$longest" -le 1027 ] || fail "a subject shows $longest bytes"
checks=$((checks + 1))
[ "$(jq -r '[.subjects[] | select(.name | startswith("web-www"))][0].name | endswith("w…")' "$work/report.json")" = true ] ||
  fail "the long name is not shown cut: $(jq -c '[.subjects[].name | .[0:20]]' "$work/report.json")"
checks=$((checks + 1))
[ "$(stat -c %s "$work/report.json")" -le 1000000 ] || fail "report.json is $(stat -c %s "$work/report.json") bytes"

# A snapshot is anyone's file: its lists are held to what a live collection
# keeps. Above --max-containers the list is refused as the engine's is; a
# list entry that is no object with a text Id makes the list an error (not
# one subject without an id); an id listed twice is one instance.
start_fake normal
"$DOCKCIS" facts --socket "$work/fake.sock" --root "$root" -o "$work/snap.json" 2>"$work/err" || fail "facts: $(cat "$work/err")"
stop_fake
scenario=snapshot
snapshot_audit() {
  local snapshot=$1
  shift
  "$DOCKCIS" audit --facts "$snapshot" --profile cis-docker-1.6.0 -o json="$work/report.json" --no-color "$@" >/dev/null 2>"$work/err"
  code=$?
  checks=$((checks + 1))
  grep -q "terminate called\|Assertion\|Segmentation" "$work/err" && fail "crashed: $(cat "$work/err")"
}
snapshot_audit "$work/snap.json" --only container.privileged --max-containers 1
expect_exit 1
state container.privileged error
reason container.privileged "the snapshot lists 2 containers, more than dockcis reads in one audit \(1, --max-containers\)"
checks=$((checks + 1))
[ "$(jq '[.errors[] | select(startswith("container/"))] | length' "$work/report.json")" -eq 0 ] ||
  fail "the refused list's containers are still read: $(jq -c .errors "$work/report.json")"
jq -c '.facts["engine.containers"].value += [42, "x", {"Names": ["/none"]}]' "$work/snap.json" >"$work/snap-odd.json"
snapshot_audit "$work/snap-odd.json" --only container.privileged
expect_exit 1
state container.privileged error
reason container.privileged "the snapshot's engine.containers is not a list of objects with a text Id"
jq -c '.facts["engine.containers"].value += [.facts["engine.containers"].value[0] | .Names = ["/again"]]' "$work/snap.json" >"$work/snap-twice.json"
snapshot_audit "$work/snap-twice.json" --only container.privileged
expect_exit 1
checks=$((checks + 1))
[ "$(jq '[.results[] | select(.key == "container.privileged") | .instances[]] | length' "$work/report.json")" -eq 2 ] ||
  fail "a container listed twice in a snapshot is not one instance: $(jq -c '[.subjects[].name]' "$work/report.json")"

# Audit rules shaped against the order they are loaded in: 32,000 never
# rules covering every path, then as many -W deleting a watch that is not
# there (1.4 MiB). Checking every -W against every kept rule took 34 s per
# audited path at three times that size in a debug build (about 4 s here,
# for each of the four paths); deleting by key takes well under a second,
# about 3 s under ASan.
start_fake normal
mkdir -p "$root/etc/audit"
awk 'BEGIN { for (i = 0; i < 32000; i++) print "-a never,exit -F dir=/"; for (i = 0; i < 32000; i++) print "-W /usr/bin/dockerd" }' \
  >"$root/etc/audit/audit.rules"
audit 10 300 --only audit.dockerd,audit.etc_docker,audit.docker_root,audit.daemon_json
expect_exit 1
state audit.etc_docker fail
state audit.docker_root fail
reason audit.etc_docker "No audit rule watches /etc/docker"
rm -r "$root/etc/audit"

# One host-wide value of a megabyte (daemon.json's no-new-privileges, an
# object) read in every container's check: each instance shows its first
# 4 KiB, not all of it (a 2 GB report and 2 GB of memory at 2,000 containers
# when it was shown whole), and says so. About 50 MB in a debug build, 460
# under ASan, whose quarantine holds what the instances let go.
start_fake manycontainers
cp -a "$SOURCE_DIR/tests/fixtures/hosts/compliant" "$work/hwroot"
/usr/bin/python3 -c 'import json, sys; json.dump({"no-new-privileges": {"k%04d" % i: "x" * 4000 for i in range(250)}}, sys.stdout)' \
  >"$work/hwroot/etc/docker/daemon.json"
saved_root=$root root="$work/hwroot"
audit 30 600 --only container.no_new_privileges
root=$saved_root
expect_exit 1
state container.no_new_privileges db0042 error
reason container.no_new_privileges "expected a boolean, found an object"
checks=$((checks + 1))
[ "$(stat -c %s "$work/report.json")" -le 20000000 ] || fail "report.json is $(stat -c %s "$work/report.json") bytes"
checks=$((checks + 1))
[ "$(jq '[.results[].instances[]?.evidence[] | select(.note // "" | endswith("the same in every container: shown cut to its first 4 KiB"))] | length' "$work/report.json")" -eq 2002 ] ||
  fail "the cut host-wide value is not noted in each container's evidence"
checks=$((checks + 1))
[ "$(jq '[.results[].instances[]?.evidence[] | select(.note // "" | endswith("shown cut to its first 4 KiB")) | .actual
          | select(type == "string" and utf8bytelength <= 4099 and startswith("{\"k0000\":\"xxx"))] | length' "$work/report.json")" -eq 2002 ] ||
  fail "the cut host-wide value is not its JSON text's first 4 KiB"

# Nothing listens on the socket any more: the audit cannot run.
stop_fake
scenario=down
audit 20 300 --only daemon.storage_not_aufs
expect_exit 3
checks=$((checks + 1))
grep -q "cannot connect to the Docker daemon at $work/fake.sock: connection refused" "$work/err" || fail "no connection-refused message: $(cat "$work/err")"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
