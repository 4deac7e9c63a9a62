#!/usr/bin/env bash
# Sections 4.1 and 5 on a real engine: for each per-container check, a
# container that passes and one that fails, asserted by instance state.
source "$LIB"
require_engine

network net
mkdir -p "$WORK/data"
# Passes everything it can: non-root, read-only, limits, dropped caps, user network, loopback port.
create good --user 1000:1000 --read-only --memory 64m --cpu-shares 512 --pids-limit 100 --cap-drop ALL \
  --security-opt no-new-privileges --restart on-failure:3 --network "$PREFIX-net" -p 127.0.0.1:18080:8080 \
  -v "$WORK/data:/data" dockcis-test/nonroot
# Fails nearly everything.
create bad --privileged --network host --pid host --ipc host --uts host --userns host --restart always \
  -v /etc:/host-etc:ro -v /var/run/docker.sock:/var/run/docker.sock --cap-add SYS_ADMIN \
  --security-opt seccomp=unconfined --device /dev/null --ulimit nofile=1024:1024 --cgroup-parent /dockcis-custom \
  --mount "type=bind,source=$WORK/data,target=/shared,bind-propagation=rshared" dockcis-test/busybox
create rootuser --user 0:0 dockcis-test/busybox
create rootname --user root:root --restart unless-stopped -p 80:8080 dockcis-test/busybox
create retries --user 1000 --restart on-failure:10 -p 0.0.0.0:18081:8081 dockcis-test/busybox
create subpath --user 1000 -v /etc/hostname:/x/hostname:ro dockcis-test/busybox
create sock-sub --user 1000 -v /run/docker.sock:/docker.sock dockcis-test/busybox
# Running: a fake sshd, a plain sleeper and one sharing the host's PID namespace.
run sshd dockcis-test/sshd
run sleeper dockcis-test/nonroot
run hostpid --pid host dockcis-test/busybox
sleep 1

audit --profile cis-docker-1.7.0 --only 4.1,5

expect_instance 4.1 good pass
expect_instance 4.1 bad fail          # no user: root
expect_instance 4.1 rootuser fail     # 0:0
expect_instance 4.1 rootname fail     # root:root
expect_state 4.1 fail
expect_instance 4.1 sleeper pass      # running: USER and the first process's effective uid (1000)
expect_instance 4.1 sshd fail

expect_instance 5.4 good pass
expect_instance 5.4 bad fail
expect_instance 5.4 rootuser fail     # NET_RAW not dropped
expect_instance 5.5 good pass
expect_instance 5.5 bad fail
expect_instance 5.6 good pass
expect_instance 5.6 bad fail          # /etc read-only still counts
expect_instance 5.6 subpath fail      # /etc/hostname is below /etc
expect_instance 5.7 sshd fail
expect_instance 5.7 sleeper pass
expect_instance 5.7 hostpid pass      # --pid host does not inherit other containers' processes
expect_instance 5.8 good pass
expect_instance 5.8 rootname fail     # host port 80
expect_instance 5.10 good pass
expect_instance 5.10 bad fail
expect_instance 5.11 good pass
expect_instance 5.11 bad fail
expect_instance 5.12 good pass
expect_instance 5.12 bad fail         # CpuShares 0 = not set
expect_instance 5.13 good pass
expect_instance 5.13 bad fail
expect_instance 5.14 good pass
expect_instance 5.14 rootname fail    # -p 80:8080 binds every address
expect_instance 5.14 retries fail     # 0.0.0.0
expect_instance 5.15 good pass        # on-failure:3
expect_instance 5.15 bad fail         # always
expect_instance 5.15 rootname fail    # unless-stopped
expect_instance 5.15 retries fail     # on-failure:10
expect_instance 5.15 rootuser pass    # no restart policy
expect_instance 5.16 good pass
expect_instance 5.16 bad fail
expect_instance 5.17 good pass
expect_instance 5.17 bad fail
expect_instance 5.18 good pass
expect_instance 5.18 bad fail
expect_instance 5.19 good pass
expect_instance 5.19 bad fail
expect_instance 5.20 good pass
expect_instance 5.20 bad fail
expect_instance 5.21 good pass
expect_instance 5.21 bad fail
expect_instance 5.22 good pass
expect_instance 5.22 bad fail
expect_instance 5.25 good pass
expect_instance 5.25 bad fail
expect_instance 5.26 good pass
expect_instance 5.26 bad fail
expect_instance 5.27 sleeper pass     # image HEALTHCHECK
expect_instance 5.27 hostpid fail
expect_instance 5.29 good pass
expect_instance 5.29 bad fail
expect_instance 5.30 good pass        # user-defined network
expect_instance 5.30 rootuser fail    # default bridge
expect_instance 5.31 good pass
expect_instance 5.31 bad fail
expect_instance 5.32 good pass
expect_instance 5.32 bad fail
expect_instance 5.32 sock-sub fail    # /run/docker.sock
expect_state 5.9 manual
expect_instance 5.28 good pass       # its tag still names the image it runs
expect_instance 5.28 sleeper pass
# AppArmor decides only where the kernel has it.
if [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ]; then
  expect_instance 5.2 bad fail
else
  expect_state 5.2 notapplicable
fi

# Created and exited containers are audited too; --running-only narrows it.
total=$(jq '[.results[] | select(.id == "5.5") | .instances[]] | length' "$WORK/report.json")
[ "$total" -ge 10 ] || { echo "FAIL: 5.5 saw $total containers, expected all 10 of this test"; FAILURES=$((FAILURES + 1)); }
audit --profile cis-docker-1.7.0 --only 5.5 --running-only
expect_instance 5.5 sshd pass
CHECKS=$((CHECKS + 1))
[ -z "$(instance_state 5.5 bad)" ] || { echo "FAIL: --running-only still audits a created container"; FAILURES=$((FAILURES + 1)); }

finish
