#!/usr/bin/env bash
# dockcis watch under a burst of container events: N containers listed, and
# the create event of each of them arriving at once (the fake engine's
# events-burst scenario, tests/fake_docker/server.py). Prints the time from
# the first batch read to the last one evaluated, the evaluation time summed
# over the batches (the --debug timings), and watch's peak RSS.
# Usage: bench/watch-burst.sh [N containers, default 2000]
# DOCKCIS (default build/src/dockcis) overrides the binary, to compare builds.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
dockcis=${DOCKCIS:-build/src/dockcis}
[ -x "$dockcis" ] || { echo "bench: build first (meson compile -C build) or set DOCKCIS" >&2; exit 2; }
work=$(mktemp -d)
fake_pid="" watch_pid=""
cleanup() {
  if [ -n "$watch_pid" ]; then kill -KILL "$watch_pid" 2>/dev/null || true; fi
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
python3 tests/fake_docker/server.py "$work/fake.sock" events-burst --burst "$count" &
fake_pid=$!
for _ in $(seq 600); do curl -sf --max-time 1 --unix-socket "$work/fake.sock" http://localhost/_ping >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf --max-time 1 --unix-socket "$work/fake.sock" http://localhost/_ping >/dev/null || { echo "bench: the fake engine did not start" >&2; exit 1; }
"$dockcis" watch --socket "$work/fake.sock" --checks-dir checks --profiles-dir profiles --profile cis-docker-1.6.0 \
  --debug --resync-after 600s \
  >"$work/out.jsonl" 2>"$work/err.log" &
watch_pid=$!
# Every burst container read once: the batches' counts add up to N.
read_so_far() { sed -n 's/.*debug: \([0-9]*\) container(s) read in.*/\1/p' "$work/err.log" | awk '{s += $1} END {print s + 0}'; }
for _ in $(seq 6000); do
  [ "$(read_so_far)" -ge "$count" ] && break
  kill -0 "$watch_pid" 2>/dev/null || { echo "bench: watch exited" >&2; tail "$work/err.log" >&2; exit 1; }
  sleep 0.1
done
[ "$(read_so_far)" -ge "$count" ] || { echo "bench: the burst did not drain within 600 s" >&2; exit 1; }
sleep 1
rss=$(awk '/VmHWM/ {print $2}' "/proc/$watch_pid/status" 2>/dev/null) || { echo "bench: watch exited after the burst" >&2; exit 1; }
awk '/^dockcis/ && n < 5 {print; n++}' "$work/err.log" >&2
python3 - "$work/err.log" "$count" "$rss" <<'PY'
import re, sys
log, count, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
batches = [tuple(map(float, m.groups())) for m in
           re.finditer(r"debug: (\d+) container\(s\) read in ([0-9.]+) ms, evaluated in ([0-9.]+) ms, told in ([0-9.]+) ms", open(log).read())]
evaluated = sum(b[2] for b in batches)
read = sum(b[1] for b in batches)
told = sum(b[3] for b in batches)
text = open(log).read()
full = re.search(r"debug: full audit: (\d+) changes in (\d+) ms", text)
print("first full audit: %s changes in %s ms" % full.groups() if full else "no full audit before the burst")
print("containers %d, batches %d: read %.0f ms, evaluated %.0f ms (%.2f ms a container), told %.0f ms; peak RSS %d MiB"
      % (count, len(batches), read, evaluated, evaluated / max(count, 1), told, rss // 1024))
PY
