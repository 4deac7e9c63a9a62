#!/usr/bin/env bash
# Builds the test images FROM scratch with Debian's static busybox (no registry
# needed). Images already present are kept.
#   dockcis-test/busybox  busybox with its applet links, runs "sleep 3600"
#   dockcis-test/nonroot  the same as user 1000:1000 with a HEALTHCHECK
#   dockcis-test/sshd     a running process named sshd (/proc/PID/comm)
set -euo pipefail
busybox=/bin/busybox
# FROM scratch has no dynamic loader: only busybox-static's binary runs there.
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "test-images: $busybox is missing or dynamically linked; install busybox-static (scripts/install-deps.sh)" >&2
  exit 1
fi

build() {
  local tag=$1 dockerfile=$2
  docker image inspect "$tag" >/dev/null 2>&1 && return 0
  local context
  context=$(mktemp -d)
  cp "$busybox" "$context/busybox"
  printf '%s\n' "$dockerfile" >"$context/Dockerfile"
  # The classic builder: newer docker CLIs default to BuildKit, which needs the buildx plugin.
  # --force-rm: a failed step leaves no intermediate container behind.
  if ! DOCKER_BUILDKIT=0 docker build --force-rm -q -t "$tag" "$context" >"$context/build.log" 2>&1; then
    echo "test-images: building $tag failed:" >&2
    cat "$context/build.log" >&2
    rm -rf "$context"
    exit 1
  fi
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
# The kernel names a process (comm) after the file it executed, and busybox
# picks its applet from argv[0]: a link named sshd run with argv[0] "sleep" is
# a long-lived process whose comm is "sshd".
build dockcis-test/sshd:latest "$base
RUN [\"/bin/busybox\", \"mkdir\", \"-p\", \"/usr/sbin\"]
RUN [\"/bin/busybox\", \"ln\", \"-s\", \"/bin/busybox\", \"/usr/sbin/sshd\"]
CMD [\"/bin/sh\", \"-c\", \"exec -a sleep /usr/sbin/sshd 3600\"]"
