#!/usr/bin/env bash
# Measures dockcis against the floor of what any auditor must do: one curl
# process fetching the same Engine API documents over one connection.
# Usage: bench/bench.sh [N containers, default 100] [runs, default 5]
# Creates N containers from the test image (the first 3 running), prints the
# median wall time of each, their ratio and dockcis' peak memory, then removes them.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100}
runs=${2:-5}
dockcis=${DOCKCIS:-build/src/dockcis}
socket=${SOCKET:-/var/run/docker.sock}
prefix="dockcis-bench-$$"
[ -x "$dockcis" ] || { echo "bench: build first (meson compile -C build) or set DOCKCIS" >&2; exit 2; }
bash scripts/test-engine.sh start >/dev/null
bash scripts/test-images.sh >/dev/null

cleanup() { docker ps -aq --filter "name=^$prefix-" | xargs -r docker rm -f >/dev/null; }
trap cleanup EXIT
echo "bench: creating $count containers"
for i in $(seq 1 "$count"); do
  if [ "$i" -le 3 ]; then
    docker run -d --name "$prefix-$i" dockcis-test/busybox >/dev/null
  else
    docker create --name "$prefix-$i" --memory 64m -p "127.0.0.1::$((8000 + i))" dockcis-test/busybox >/dev/null
  fi
done

# The documents dockcis reads, as URLs for a single curl process (one keep-alive connection).
api=$(curl -s --unix-socket "$socket" http://localhost/version | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["ApiVersion"])')
urls=("http://localhost/_ping" "http://localhost/v$api/version" "http://localhost/v$api/info"
      "http://localhost/v$api/containers/json?all=1" "http://localhost/v$api/images/json" "http://localhost/v$api/networks")
while read -r id; do urls+=("http://localhost/v$api/containers/$id/json"); done < <(docker ps -aq --no-trunc)
while read -r id; do urls+=("http://localhost/v$api/images/$id/json" "http://localhost/v$api/images/$id/history"); done < <(docker images -q --no-trunc | sort -u)
while read -r id; do urls+=("http://localhost/v$api/networks/$id"); done < <(docker network ls -q --no-trunc)
printf '%s\n' "${urls[@]}" | sed 's/^/url = /' >"/tmp/$prefix.curl"

/usr/bin/python3 - "$runs" "$dockcis" "$socket" "/tmp/$prefix.curl" "${#urls[@]}" <<'PY'
import resource, statistics, subprocess, sys, time
runs, dockcis, socket, curl_config, documents = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
def measure(command):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
audit = measure([dockcis, "audit", "-f", "json", "--socket", socket])
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
curl = measure(["curl", "-s", "--unix-socket", socket, "-K", curl_config, "-o", "/dev/null"])
print("documents fetched by curl:      %s" % documents)
print("dockcis audit (all checks):     %.3f s (median of %d)" % (audit, runs))
print("curl, same documents, 1 conn:   %.3f s (median of %d)" % (curl, runs))
print("ratio dockcis / curl:           %.2f" % (audit / curl if curl else float("nan")))
print("peak RSS of dockcis:            %.1f MiB" % (peak_kib / 1024))
PY
rm -f "/tmp/$prefix.curl"
