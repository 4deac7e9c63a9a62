#!/usr/bin/env bash
# Measures dockcis against the floor of what any auditor must do: one curl
# process fetching the same Engine API documents over one connection.
# Usage: bench/bench.sh [N containers, default 100] [runs, default 5]
# Creates N containers from the test image (the first 3 running where the
# engine can run containers), prints the median wall time of each, their ratio
# and dockcis' peak memory, then removes the containers.
# DOCKCIS (default build/src/dockcis) and SOCKET (default /var/run/docker.sock) override.
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

work=$(mktemp -d)
cleanup() {
  docker ps -aq --filter "name=^$prefix-" | xargs -r docker rm -f >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
echo "bench: creating $count containers"
running=0
for i in $(seq 1 "$count"); do
  if [ "$i" -le 3 ]; then
    docker create --name "$prefix-$i" dockcis-test/busybox >/dev/null
    docker start "$prefix-$i" >/dev/null 2>&1 && running=$((running + 1))
  else
    docker create --name "$prefix-$i" --memory 64m -p "127.0.0.1::$((8000 + i))" dockcis-test/busybox >/dev/null
  fi
done
echo "bench: $running of them running"

# The documents dockcis reads, as URLs for a single curl process (one keep-alive connection).
api=$(curl -sf --unix-socket "$socket" http://localhost/version | jq -r .ApiVersion)
base="http://localhost/v$api"
urls=("http://localhost/_ping" "$base/version" "$base/info" "$base/containers/json?all=1" "$base/images/json" "$base/networks")
while read -r id; do urls+=("$base/containers/$id/json"); done < <(docker ps -aq --no-trunc)
while read -r id; do urls+=("$base/images/$id/json" "$base/images/$id/history"); done < <(docker images -q --no-trunc | sort -u)
while read -r id; do urls+=("$base/networks/$id"); done < <(docker network ls -q --no-trunc)
printf 'url = "%s"\noutput = "/dev/null"\n' "${urls[@]}" >"$work/curl.config"

/usr/bin/python3 - "$runs" "$dockcis" "$socket" "$work/curl.config" "${#urls[@]}" <<'PY'
import resource, statistics, subprocess, sys, time
runs, dockcis, socket, curl_config, documents = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
def measure(command):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - start)
        # dockcis exits 1 on findings; anything else means the run did not measure an audit.
        if code not in (0, 1):
            sys.exit("bench: %s exited %d" % (" ".join(command), code))
    return statistics.median(times)
audit = measure([dockcis, "audit", "-f", "json", "--socket", socket])
# Only dockcis has been waited for so far: the children's peak RSS is its peak.
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
curl = measure(["curl", "-sf", "--unix-socket", socket, "-K", curl_config])
print("documents fetched by curl:      %s" % documents)
print("dockcis audit (all checks):     %.3f s (median of %d)" % (audit, runs))
print("curl, same documents, 1 conn:   %.3f s (median of %d)" % (curl, runs))
print("ratio dockcis / curl:           %.2f" % (audit / curl if curl else float("nan")))
print("peak RSS of dockcis:            %.1f MiB" % (peak_kib / 1024))
PY
