#!/usr/bin/env bash
# Every requested output is checked before anything is collected: a path that
# cannot be a report is exit 2, one the host refuses is exit 3, each with one
# message, and then nothing is written. Reports never go through a link and
# never widen an existing report's mode.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# shellcheck source=tests/cli/snapshot.sh
. "$(dirname "$0")/snapshot.sh"
snapshot "$work/facts.json" false bridge
chmod 644 "$work/facts.json"
audit=("$DOCKCIS" audit --profile cis-docker-1.6.0 --only 5.5 --no-color)

# expect CODE PATTERN -- command...: exit code and the one message on stderr.
expect() {
  local code=$1 pattern=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -qE -- "$pattern" "$work/err" || [ "$(wc -l <"$work/err")" -ne 1 ]; then
    fail "$* -> exit $got (want $code, /$pattern/), stderr:"; sed 's/^/    /' "$work/err"
  else
    echo "ok: exit $got: $(cat "$work/err")"
  fi
}
# nothing_in DIR: no file was left there (no report, no temporary file).
nothing_in() { [ -z "$(ls -A "$1")" ] || { fail "files left in $1: $(ls -A "$1" | tr '\n' ' ')"; }; }

# Usage errors (2), found before the engine is asked: the socket does not exist,
# so a run that collected would end with 3.
mkdir "$work/out1"
expect 2 "cannot write $work/out1/missing/r.json: directory $work/out1/missing does not exist" -- \
  "${audit[@]}" --socket "$work/absent.sock" -o "text=$work/out1/r.txt" -o "json=$work/out1/missing/r.json"
nothing_in "$work/out1"
mkdir -p "$work/out2/r.html"
expect 2 "cannot write $work/out2/r.html: it is a directory" -- "${audit[@]}" --facts "$work/facts.json" -o "html=$work/out2/r.html"
echo keep >"$work/victim"
mkdir "$work/out3" && ln -s "$work/victim" "$work/out3/r.json"
expect 2 "cannot write $work/out3/r.json: it is a symbolic link" -- "${audit[@]}" --facts "$work/facts.json" -o "json=$work/out3/r.json"
[ "$(cat "$work/victim")" = keep ] && [ -L "$work/out3/r.json" ] || fail "the link or its target was changed"
expect 2 "cannot write $work/facts.json/r.json: (a parent is not a directory|.* is not a directory)" -- \
  "${audit[@]}" --facts "$work/facts.json" -o "json=$work/facts.json/r.json"
expect 2 "cannot write $work/facts.json/reports: (a parent is not a directory|.* is not a directory)" -- \
  "${audit[@]}" --facts "$work/facts.json" --output-dir "$work/facts.json/reports" --keep 3
# Two reports for one file (named twice, or once through a link to its
# directory): one would be lost.
mkdir "$work/out5" && ln -s "$work/out5" "$work/out5-link"
expect 2 "the json and html reports would both be written to $work/out5-link/same: give each its own file" -- \
  "${audit[@]}" --socket "$work/absent.sock" -o "json=$work/out5/same" -o "html=$work/out5-link/same"
expect 2 "the text and text reports would both be written to $work/out5/./same" -- \
  "${audit[@]}" --socket "$work/absent.sock" -o "text=$work/out5/same" -o "text=$work/out5/./same"
nothing_in "$work/out5"
expect 2 "cannot write $work/out4/snap.json: directory $work/out4 does not exist" -- "$DOCKCIS" facts --socket "$work/absent.sock" -o "$work/out4/snap.json"

# Cannot write (3): a directory nobody may write to, as nobody.
mkdir -m 755 "$work/rootonly"
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
expect 3 "cannot write $work/rootonly/r.json: Permission denied on directory $work/rootonly" -- \
  "${as_nobody[@]}" "${audit[@]}" --facts "$work/facts.json" -o "json=$work/rootonly/r.json"
expect 3 "cannot write $work/rootonly/dockcis.prom: Permission denied" -- \
  "${as_nobody[@]}" "${audit[@]}" --facts "$work/facts.json" -o "prometheus=$work/rootonly/dockcis.prom"
expect 3 "cannot write $work/rootonly/reports: Permission denied" -- \
  "${as_nobody[@]}" "${audit[@]}" --facts "$work/facts.json" --output-dir "$work/rootonly/reports" --keep 2
nothing_in "$work/rootonly"
# A file system that takes no directory although every permission test passes.
expect 3 "cannot write /proc/dockcis-reports/x: cannot create /proc/dockcis-reports" -- \
  "${audit[@]}" --facts "$work/facts.json" --output-dir /proc/dockcis-reports/x -o "prometheus=$work/rootonly/m.prom"
nothing_in "$work/rootonly"
# A read-only file system (a read-only bind mount in a private mount namespace).
mkdir "$work/ro"
if unshare -m true 2>/dev/null; then
  expect 3 "cannot write $work/ro/r.xml: the file system of $work/ro is read-only" -- \
    unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' - "$work/ro" \
    "${audit[@]}" --facts "$work/facts.json" -o "junit=$work/ro/r.xml" -o "prometheus=$work/ro/m.prom"
  nothing_in "$work/ro"
else
  fail "unshare -m is not available: the read-only case did not run"
fi

# An existing report's mode is kept when narrower, narrowed when wider.
mkdir "$work/modes"
echo old >"$work/modes/r.json" && chmod 600 "$work/modes/r.json"
echo old >"$work/modes/m.prom" && chmod 666 "$work/modes/m.prom"
"${audit[@]}" --facts "$work/facts.json" -o "json=$work/modes/r.json" -o "prometheus=$work/modes/m.prom" 2>"$work/err"
[ "$(stat -c %a "$work/modes/r.json")" = 600 ] || fail "a 0600 report became $(stat -c %a "$work/modes/r.json")"
[ "$(stat -c %a "$work/modes/m.prom")" = 644 ] || fail "a 0666 metrics file became $(stat -c %a "$work/modes/m.prom")"
grep -Eq '"schema": ?"dockcis.report/v2"' "$work/modes/r.json" || fail "the report was not replaced"
[ "$(ls -A "$work/modes" | wc -l)" -eq 2 ] || fail "temporary files left: $(ls -A "$work/modes")"

# The reports are made longest first; standard output still gets its own in the order asked.
mkdir "$work/order"
"${audit[@]}" --facts "$work/facts.json" -o text -o "html=$work/order/r.html" -o prometheus -o json >"$work/order/stdout" 2>/dev/null
text_at=$(grep -n -m1 '^dockcis ' "$work/order/stdout" | cut -d: -f1)
metrics_at=$(grep -n -m1 '^# HELP' "$work/order/stdout" | cut -d: -f1)
json_at=$(grep -n -m1 '^{' "$work/order/stdout" | cut -d: -f1)
if [ -n "$text_at" ] && [ -n "$metrics_at" ] && [ -n "$json_at" ] && [ "$text_at" -lt "$metrics_at" ] && [ "$metrics_at" -lt "$json_at" ] &&
  [ -s "$work/order/r.html" ]; then
  echo "ok: text, metrics, JSON on standard output in the order asked, the HTML written"
else
  fail "standard output out of order: text at ${text_at:-none}, metrics at ${metrics_at:-none}, JSON at ${json_at:-none}"
fi

[ "$failures" -eq 0 ] && echo "outputs are checked before collection" || { echo "$failures case(s) failed"; exit 1; }
