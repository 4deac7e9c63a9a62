#!/usr/bin/env bash
# Two audits of the same live engine give the same reports apart from run id
# and times, with containers whose bind mounts the engine lists in a
# different order on each inspect (it walks a map).
# On an engine other work uses at the same time (DOCKCIS_SHARED_ENGINE=1),
# other containers come and go between the two audits: the comparison is
# then made over this test's containers only.
source "$LIB"
require_engine
for dir in a b c d e f g; do mkdir -p "$WORK/mnt/$dir"; done
binds=()
for dir in a b c d e f g; do binds+=(-v "$WORK/mnt/$dir:/data/$dir"); done
run mounts "${binds[@]}" -v /etc/hostname:/etc/host-name:ro dockcis-test/busybox
create mounts-created "${binds[@]}" --mount "type=volume,target=/cache" dockcis-test/busybox
sleep 1

# Times as the reports write them, Docker's own relative times ("Up 3 seconds")
# and the run id are what may differ between two runs.
normalise() {
  sed -E \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})/TIMESTAMP/g' \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/RUN-ID/g' \
    -e 's/(time|timestamp)="[^"]*"/\1="X"/g' \
    -e 's/(Up|Exited \([0-9-]+\)|Created|Restarting \([0-9-]+\)) [A-Za-z0-9 ()]*( ago)?/\1 X/g'
}
# Each instance with its subject and probes in place of their positions, which other containers on the engine shift.
ours() {
  jq -S --arg prefix "$PREFIX" '.subjects as $s | [.results[] | .probes as $p | {id, instances: [.instances[]? | .subject = $s[.subject]
    | select(.subject.name | startswith($prefix)) | .evidence |= map($p[.probe] + del(.probe))]}]' "$1"
}

for run in 1 2; do
  "$DOCKCIS" audit --profile cis-docker-1.8.0 --only 5 -o json="$WORK/$run.json" -o text="$WORK/$run.txt" -o html="$WORK/$run.html" \
    -o junit="$WORK/$run.junit" -o xccdf="$WORK/$run.xccdf" --no-color >/dev/null 2>"$WORK/$run.err"
  [ $? -gt 1 ] && { echo "FAIL: audit $run"; cat "$WORK/$run.err"; FAILURES=$((FAILURES + 1)); }
done

# For the log: how often the engine changes the order (dockerd 20 to 27 walk a map).
orders=$(for _ in 1 2 3 4 5 6; do docker inspect --format '{{range .Mounts}}{{.Destination}} {{end}}' "$PREFIX-mounts"; done | sort -u | wc -l)
echo "the engine listed the mounts in $orders different orders in 6 inspects"

# The reports show the mounts (5.6's evidence), so their order would show.
CHECKS=$((CHECKS + 1))
jq -e --arg name "$PREFIX-mounts" '.subjects as $s | [.results[] | select(.id == "5.6") | .probes as $p | .instances[]
  | select($s[.subject].name == $name) | .evidence[] | select($p[.probe].select == "/Mounts") | .actual | length] == [8]' "$WORK/1.json" >/dev/null ||
  { echo "FAIL: 5.6 does not show the eight mounts of $PREFIX-mounts"; FAILURES=$((FAILURES + 1)); }
CHECKS=$((CHECKS + 1))
if ! diff <(ours "$WORK/1.json" | normalise) <(ours "$WORK/2.json" | normalise) >"$WORK/diff"; then
  echo "FAIL: this test's containers are reported differently by two audits:"; head -40 "$WORK/diff"; FAILURES=$((FAILURES + 1))
fi
if [ "${DOCKCIS_SHARED_ENGINE:-}" != 1 ]; then
  for format in json txt html junit xccdf; do
    CHECKS=$((CHECKS + 1))
    if ! diff <(normalise <"$WORK/1.$format") <(normalise <"$WORK/2.$format") >"$WORK/diff"; then
      echo "FAIL: two audits of the same engine differ in $format:"; head -40 "$WORK/diff"; FAILURES=$((FAILURES + 1))
    fi
  done
fi
finish
