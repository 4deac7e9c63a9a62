#!/usr/bin/env bash
# Container mode: packaging/container/Dockerfile built on the Debian root
# (debootstrap + docker import: no registry here) with the package installed,
# run as the README says (host root and socket read-only, host pid namespace,
# --root /host) and compared with a run on the host: the same checks in the
# same states, and the scanner's own container left out.
source "$(dirname "$0")/lib.sh"
require_engine

deb=$(need_deb) || { fail "dpkg-buildpackage"; finish; }
base=$run_prefix/debian:bookworm
import_rootfs "$base" || { fail "debootstrap + docker import of the Debian root"; finish; }
ok "imported the Debian root as $base"

context=$work/context
mkdir -p "$context"
cp "$SOURCE_DIR/packaging/container/Dockerfile" "$deb" "$context/"
image=$run_prefix/dockcis:test
# The layers a failed build leaves (its COPY of the package, as an untagged
# image) would stay on the engine, and the base could not be removed under
# them: removed, children first, whatever the build's outcome.
remove_built_layers() {
  sed -n 's/^ ---> \([0-9a-f]\{12,\}\)$/\1/p' "$work/build.log" | tac | xargs -r docker image rm >/dev/null 2>&1
  true
}
on_exit remove_built_layers
# The classic builder: BuildKit needs the buildx plugin. Not quiet: the log
# names every layer made. --force-rm: a failed step's container goes too.
if DOCKER_BUILDKIT=0 docker build --force-rm --build-arg "BASE=$base" -t "$image" "$context" >"$work/build.log" 2>&1; then
  ok "docker build packaging/container/Dockerfile FROM the imported root"
else
  fail "docker build"; tail -20 "$work/build.log" | sed 's/^/    /'; finish
fi
on_exit "docker image rm -f $image"

scanner=$run_prefix-scanner
compare_once() {
  "$DOCKCIS" audit -f json --no-color >"$work/host.json" 2>"$work/host.err"
  local host_rc=$?
  docker run --name "$scanner" -v /:/host:ro -v /var/run/docker.sock:/var/run/docker.sock:ro --pid host "$image" \
    audit --root /host -f json --no-color >"$work/container.json" 2>"$work/container.err"
  container_rc=$?
  scanner_id=$(docker inspect -f '{{.Id}}' "$scanner" 2>/dev/null)
  docker rm -f "$scanner" >/dev/null 2>&1
  [ "$host_rc" -le 1 ] && [ "$container_rc" -le 1 ] || return 1
  comparable_states "$work/host.json" "$work/container.json" >"$work/host.states"
  comparable_states "$work/container.json" "$work/host.json" >"$work/container.states"
  diff "$work/host.states" "$work/container.states" >"$work/states.diff"
}
on_exit "docker rm -f $scanner"
# Containers of other work on the shared engine may come and go between the
# two runs: compare again, up to three times, before calling it a difference.
for attempt in 1 2 3; do
  compare_once && break
  sleep 2
done
check "the container audit ran (exit $container_rc)" test "$container_rc" -le 1
if [ -s "$work/states.diff" ] || [ ! -s "$work/host.states" ]; then
  fail "host and container runs differ"; head -30 "$work/states.diff" | sed 's/^/    /'
else
  ok "host and container runs: the same $(grep -vc '^  ' "$work/host.states") checks in the same states, $(grep -c '^  ' "$work/host.states") container results"
fi
check "the scanner's own container is left out" bash -c "[ -n '$scanner_id' ] && ! grep -q '${scanner_id:0:12}' '$work/container.json'"
check "the container read the host's files under /host" bash -c "jq -e '.host.hostname == \"$(hostname)\"' '$work/container.json'"
finish
