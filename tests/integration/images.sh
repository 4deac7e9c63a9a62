#!/usr/bin/env bash
# Section 4 image checks on real images built FROM scratch.
source "$LIB"
require_engine

context="$WORK/secret"
mkdir -p "$context"
cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM dockcis-test/busybox
ENV DB_PASSWORD=hunter2
ADD notes.txt /notes.txt
DOCKERFILE
echo hello >"$context/notes.txt"
tag="$PREFIX-secret:latest"
# --force-rm: a failed build leaves no intermediate container on the engine.
DOCKER_BUILDKIT=0 docker build --force-rm -q -t "$tag" "$context" >/dev/null 2>&1 || { echo "FAIL: docker build"; exit 1; }
IMAGES+=("$tag")

audit --profile cis-docker-1.6.0 --only 4
expect_image 4.6 dockcis-test/nonroot:latest pass   # HEALTHCHECK
expect_image 4.6 dockcis-test/busybox:latest fail
expect_image 4.9 dockcis-test/busybox:latest pass   # COPY
expect_image 4.9 "$tag" fail                        # ADD
expect_image 4.10 dockcis-test/busybox:latest pass
expect_image 4.10 "$tag" fail                       # ENV DB_PASSWORD=...
expect_image 4.7 dockcis-test/busybox:latest pass
expect_state 4.2 manual
CHECKS=$((CHECKS + 1))
images=$(jq '[.results[] | select(.id == "4.2") | .evidence[0].actual[]] | length' "$WORK/report.json")
[ "$images" -ge 4 ] || { echo "FAIL: 4.2 evidence lists $images images"; FAILURES=$((FAILURES + 1)); }
finish
