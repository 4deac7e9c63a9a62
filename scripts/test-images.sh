#!/usr/bin/env bash
# Builds the test images FROM scratch with Debian's static busybox (no registry needed).
set -euo pipefail
busybox=$(command -v busybox || true)
[ -x /bin/busybox ] && busybox=/bin/busybox
file "$busybox" 2>/dev/null | grep -q 'statically linked' || [ -f /bin/busybox ] || { echo "test-images: busybox-static missing" >&2; exit 1; }

build() {
  local tag=$1 dockerfile=$2
  docker image inspect "$tag" >/dev/null 2>&1 && return 0
  local context
  context=$(mktemp -d)
  cp "$busybox" "$context/busybox"
  printf '%s\n' "$dockerfile" >"$context/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$context" >/dev/null 2>&1
  rm -rf "$context"
  echo "test-images: built $tag"
}

base='FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]'
build dockcis-test/busybox:latest "$base
CMD [\"sleep\", \"3600\"]"
build dockcis-test/nonroot:latest "$base
USER 1000:1000
HEALTHCHECK --interval=30s CMD [\"true\"]
CMD [\"sleep\", \"3600\"]"
# A running process whose name (/proc/PID/comm) is sshd: comm is the executed
# file's name, and busybox picks its applet from argv[0], so a link named sshd
# run with argv[0] "sleep" is a long-lived "sshd".
build dockcis-test/sshd:latest "$base
RUN [\"/bin/busybox\", \"mkdir\", \"-p\", \"/usr/sbin\"]
RUN [\"/bin/busybox\", \"ln\", \"-s\", \"/bin/busybox\", \"/usr/sbin/sshd\"]
CMD [\"/bin/sh\", \"-c\", \"exec -a sleep /usr/sbin/sshd 3600\"]"
