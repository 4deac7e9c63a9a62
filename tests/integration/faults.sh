#!/usr/bin/env bash
# Faults that need the real engine's socket. Every fault of the Engine API
# itself (HTTP errors, malformed, truncated, slow and stalled answers, a
# container removed mid-scan, nothing listening) is a case of the hostile
# suite (tests/hostile), against the fake engine.
source "$LIB"

# Permission denied on the engine's own socket (root:docker, 0660): nobody,
# outside the docker group, cannot audit, and is told why.
if command -v setpriv >/dev/null && [ -S /var/run/docker.sock ]; then
  CHECKS=$((CHECKS + 1))
  setpriv --reuid=65534 --regid=65534 --clear-groups "$DOCKCIS" audit --only 2.6 >/dev/null 2>"$WORK/audit.err"
  code=$?
  [ "$code" = 3 ] && grep -q "permission denied on /var/run/docker.sock" "$WORK/audit.err" ||
    { echo "FAIL: permission denied gave exit $code:"; cat "$WORK/audit.err"; FAILURES=$((FAILURES + 1)); }
fi
finish
