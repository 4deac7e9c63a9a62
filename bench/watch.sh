#!/usr/bin/env bash
# dockcis watch: latency from "container created" to its finding, and memory
# over a long run.
# Usage: bench/watch.sh [N containers, default 1000] [soak cycles, default 10000]
#  1. N privileged containers are created in a row (POST /containers/create,
#     as fast as the engine takes them); for each, the time from the create
#     call returning to watch's 5.5 failure line arriving on its standard
#     output. Prints the median, the 99th percentile and the worst.
#  2. Soak: create and remove one container, CYCLES times; watch's resident
#     memory (VmRSS) after a warm-up of 200 cycles and at the end, and the
#     growth in percent (the goal is within 10 %).
# Everything created is named dockcis-bench-watch-PID-* and removed at the end.
# DOCKCIS (default build/src/dockcis) and SOCKET (default /var/run/docker.sock) override.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
cycles=${2:-10000}
dockcis=${DOCKCIS:-build/src/dockcis}
socket=${SOCKET:-/var/run/docker.sock}
prefix="dockcis-bench-watch-$$"
[ -x "$dockcis" ] || { echo "bench: build first (meson compile -C build) or set DOCKCIS" >&2; exit 2; }
bash scripts/test-engine.sh start >/dev/null
bash scripts/test-images.sh >/dev/null
cleanup() { docker ps -aq --filter "name=^$prefix-" | xargs -r docker rm -f >/dev/null; }
trap cleanup EXIT
python3 - "$dockcis" "$socket" "$prefix" "$count" "$cycles" <<'PY'
import http.client, json, socket, statistics, subprocess, sys, tempfile, threading, time

dockcis, socket_path, prefix, count, cycles = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

class UnixConnection(http.client.HTTPConnection):
    def __init__(self):
        super().__init__("localhost")
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(socket_path)

api = UnixConnection()
def call(method, path, body=None):
    api.request(method, path, body=json.dumps(body) if body is not None else None,
                headers={"Content-Type": "application/json"})
    response = api.getresponse()
    data = response.read()
    if response.status >= 300:
        raise SystemExit("bench: %s %s: HTTP %d %s" % (method, path, response.status, data[:200]))
    return json.loads(data) if data else None

def create(name, privileged):
    return call("POST", "/containers/create?name=" + name,
                {"Image": "dockcis-test/busybox", "Cmd": ["sleep", "1"], "HostConfig": {"Privileged": privileged}})["Id"]

stderr = tempfile.NamedTemporaryFile(prefix="dockcis-watch-bench-", suffix=".log")
watch = subprocess.Popen([dockcis, "watch", "--debug", "--only", "5"], stdout=subprocess.PIPE, stderr=stderr, text=True)
arrived = {}
def read_lines():
    for line in watch.stdout:
        now = time.monotonic_ns()
        change = json.loads(line)
        instance = change.get("instance") or {}
        if change["check"] == "container.privileged" and change["change"] == "new":
            arrived.setdefault(instance.get("name", ""), now)
threading.Thread(target=read_lines, daemon=True).start()

def wait_for(text, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with open(stderr.name) as log:
            if text in log.read():
                return
        time.sleep(0.1)
    raise SystemExit("bench: watch did not log %r" % text)
wait_for("full audit:", 300)

def rss_kib():
    with open("/proc/%d/status" % watch.pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

print("bench: creating %d privileged containers in a row" % count)
created = {}
for i in range(count):
    name = "%s-%d" % (prefix, i)
    create(name, True)
    created[name] = time.monotonic_ns()
deadline = time.time() + 120
while len([n for n in created if n in arrived]) < count and time.time() < deadline:
    time.sleep(0.1)
latencies = sorted((arrived[n] - t) / 1e6 for n, t in created.items() if n in arrived)
missing = count - len(latencies)
if latencies:
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * len(latencies))) - 1)]
    print("latency create -> finding: median %.1f ms, p99 %.1f ms, max %.1f ms over %d containers%s" %
          (statistics.median(latencies), p99, latencies[-1], len(latencies),
           "" if missing == 0 else " (%d findings missing)" % missing))
for name in created:
    call("DELETE", "/containers/" + name + "?force=1")

print("bench: soak, %d create/remove cycles" % cycles)
warmup = min(200, cycles)
start_rss = None
started = time.time()
for i in range(cycles):
    if i == warmup:
        time.sleep(1)
        start_rss = rss_kib()
    name = "%s-soak" % prefix
    create(name, i % 2 == 0)
    call("DELETE", "/containers/" + name + "?force=1")
time.sleep(2)
end_rss = rss_kib()
if start_rss is None:
    start_rss = end_rss
print("soak: %d cycles in %.0f s; RSS %d KiB after %d cycles, %d KiB at the end (%+.1f %%)" %
      (cycles, time.time() - started, start_rss, warmup, end_rss, 100.0 * (end_rss - start_rss) / start_rss))
watch.terminate()
watch.wait(timeout=5)
# What else watch did meanwhile: a reconnect or a full audit delays the findings queued behind it.
with open(stderr.name) as log:
    lines = log.read().splitlines()
audits = [l for l in lines if l.startswith("debug: full audit:")]
print("watch: %d full audits (%s), %d reconnects" % (len(audits), "; ".join(l.split(": ", 2)[2] for l in audits[:5]),
                                                   sum("reconnecting in" in l for l in lines)))
for line in [l for l in lines if "reconnecting in" in l or "retrying in" in l][:5]:
    print("  " + line)
PY
