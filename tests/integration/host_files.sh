#!/usr/bin/env bash
# Sections 1.1 and 3 on fixture host trees (--root), with the real engine for
# the engine facts. Modes and owners are set here: git does not keep them.
source "$LIB"
require_engine

setup_tree() {
  cp -a "$SOURCE_DIR/tests/fixtures/hosts/$1" "$WORK/$1"
  mkdir -p "$WORK/$1/var/lib/docker"
  echo "$WORK/$1"
}

good=$(setup_tree compliant)
chown -R root:root "$good"
chmod 755 "$good/etc/docker"
chmod 644 "$good/lib/systemd/system/docker.service" "$good/lib/systemd/system/docker.socket" "$good/etc/docker/daemon.json"
chown root:998 "$good/run/docker.sock"
chmod 660 "$good/run/docker.sock" "$good/run/containerd/containerd.sock"
chmod 644 "$good/etc/default/docker" "$good/etc/sysconfig/docker"

bad=$(setup_tree insecure)
chown -R root:root "$bad"
chmod 775 "$bad/etc/docker"
chmod 611 "$bad/lib/systemd/system/docker.service"       # below 644 numerically, still too open
chown 1001 "$bad/lib/systemd/system/docker.socket"
chmod 606 "$bad/etc/docker/daemon.json"
chmod 666 "$bad/run/docker.sock"                         # root:root, world-writable
chown 1001 "$bad/lib/systemd/system/docker.service" "$bad/etc/docker" "$bad/run/containerd/containerd.sock" \
  "$bad/etc/default/docker" "$bad/etc/sysconfig/docker"
chmod 664 "$bad/lib/systemd/system/docker.socket" "$bad/etc/default/docker" "$bad/etc/sysconfig/docker"
chmod 666 "$bad/run/containerd/containerd.sock"

selected=1.1,2.4,3
audit --profile cis-docker-1.6.0 --only "$selected" --root "$good"
cp "$WORK/report.json" "$WORK/good.json"
expect_state 1.1.1 pass "(/var/lib/docker is a mount point)"
expect_state 1.1.2 pass "(docker group has no members)"
expect_state 1.1.3 pass
expect_state 1.1.5 pass "(-a exit,always -F path=)"
expect_state 1.1.6 pass "(trailing slash)"
expect_state 1.1.7 pass
expect_state 1.1.9 pass "(/var/run/docker.sock rule for /run/docker.sock)"
expect_state 1.1.4 pass
expect_state 1.1.8 pass "(socket from the unit's --containerd flag)"
expect_state 1.1.10 pass
expect_state 1.1.11 pass
expect_state 1.1.12 pass
expect_state 1.1.13 pass
expect_state 1.1.14 pass
expect_state 1.1.15 pass
expect_state 1.1.16 pass
expect_state 1.1.17 pass
expect_state 1.1.18 pass "(-F path= rule)"
expect_state 2.4 pass "(iptables by default)"
expect_state 3.1 pass
expect_state 3.2 pass
expect_state 3.3 pass
expect_state 3.4 pass
expect_state 3.5 pass
expect_state 3.6 pass
expect_state 3.15 pass "(root:docker by gid 998)"
expect_state 3.16 pass
expect_state 3.17 pass
expect_state 3.18 pass
expect_state 3.19 pass
expect_state 3.20 pass
expect_state 3.21 pass
expect_state 3.22 pass
expect_state 3.23 pass
expect_state 3.24 pass
expect_state 3.7 notapplicable "(no certs.d)"
expect_state 3.9 notapplicable "(TLS not configured)"

audit --profile cis-docker-1.6.0 --only "$selected" --root "$bad"
expect_state 1.1.1 fail "(no separate mount)"
expect_state 1.1.2 fail "(alice and mallory are not trusted)"
expect_state 1.1.3 fail "(a never rule and a longer path do not count)"
expect_state 1.1.14 fail "(containerd-shim-runc-v2 rule does not watch containerd)"
expect_state 1.1.17 pass
for id in 1.1.4 1.1.5 1.1.6 1.1.7 1.1.8 1.1.9 1.1.10 1.1.11 1.1.12 1.1.13 1.1.15 1.1.16 1.1.18; do
  expect_state "$id" fail "(no rule for an existing path)"
done
expect_state 2.4 fail "(iptables false in daemon.json)"
expect_state 3.1 fail "(owned by uid 1001)"
expect_state 3.2 fail "(611)"
expect_state 3.3 fail "(owned by uid 1001)"
expect_state 3.4 fail "(664)"
expect_state 3.5 fail "(owned by uid 1001)"
expect_state 3.6 fail "(775)"
expect_state 3.19 fail
expect_state 3.20 fail
expect_state 3.21 fail
expect_state 3.22 fail
expect_state 3.23 fail
expect_state 3.24 fail
expect_state 3.15 fail "(root:root)"
expect_state 3.16 fail "(666)"
expect_state 3.18 fail "(606)"

# Trusting the members makes 1.1.2 pass.
audit --profile cis-docker-1.6.0 --only 1.1.2 --root "$bad" --param trusted_docker_users=alice,mallory
expect_state 1.1.2 pass

# An unreadable file is an error, never a pass: run as nobody (in the docker
# group, so the socket answers) against a tree whose audit rules only root may read.
docker_gid=$(getent group docker | cut -d: -f3)
if command -v setpriv >/dev/null && [ -n "$docker_gid" ]; then
  chmod 700 "$good/etc/audit/rules.d"
  chmod 755 "$WORK"
  setpriv --reuid=65534 --regid=65534 --groups="$docker_gid" \
    "$DOCKCIS" audit -f json --profile cis-docker-1.6.0 --only 1.1.3,3.2 --root "$good" >"$WORK/report.json" 2>"$WORK/audit.err"
  expect_state 1.1.3 error "(rules unreadable as nobody)"
  expect_state 3.2 pass "(stat needs no read permission)"
  CHECKS=$((CHECKS + 1))
  jq -r '.results[] | select(.id == "1.1.3") | .reason' "$WORK/report.json" | grep -qi "permission denied" ||
    { echo "FAIL: 1.1.3 error does not say permission denied"; FAILURES=$((FAILURES + 1)); }
fi
finish
