#!/usr/bin/env bash
# The Ansible role for real, with Debian's ansible, against two targets: this
# machine (connection: local) and a separate Debian root (debootstrap, docker
# import, community.docker.docker connection). Deploy, deploy again
# (changed=0), audit on demand (--tags audit) and fetch the reports;
# ansible-lint has no error. This machine is purged afterwards.
source "$(dirname "$0")/lib.sh"
require_root
require_engine
# The Debian root first: its debootstrap overlaps the .deb's build by the package test.
base=$run_prefix/debian:bookworm
import_rootfs "$base" || { fail "debootstrap + docker import of the Debian root"; finish; }
deb=$(need_deb) || { fail "dpkg-buildpackage"; finish; }
ansible_dir=$SOURCE_DIR/packaging/ansible

check "ansible-lint: no error" ansible-lint --offline "$ansible_dir/dockcis.yml"

# The second target: a container of the Debian root, with the engine's socket
# so that its audit has an engine to read.
target=$run_prefix-target
docker run -d --name "$target" -v /var/run/docker.sock:/var/run/docker.sock "$base" sleep infinity >/dev/null \
  || { fail "starting the target container"; finish; }
on_exit "docker rm -f $target"

hold_host_lock
purge_dockcis
on_exit purge_dockcis

cat >"$work/inventory" <<INVENTORY
[docker_hosts]
this-host ansible_connection=local ansible_python_interpreter=/usr/bin/python3
debian-root ansible_connection=community.docker.docker ansible_host=$target ansible_python_interpreter=/usr/bin/python3
INVENTORY
cat >"$work/site.yml" <<'VARS'
dockcis_level: 1
dockcis_keep: 5
dockcis_params:
  trusted_docker_users: [alice, bob]
dockcis_extra_options:
  fail-on: fail
dockcis_tailoring:
  skip: ["2.1"]
  parameters:
    allowed_log_drivers: [json-file, journald]
dockcis_waivers:
  - id: W-1
    check: container.privileged
    justification: the monitoring agent needs it
    approver: secteam
    expires: "2099-12-31"
dockcis_timer_on_calendar: "*-*-* 03:30:00"
dockcis_watch_enabled: true
dockcis_watch_full_every: 6h
VARS
playbook() {
  ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_NOCOLOR=1 ANSIBLE_HOST_KEY_CHECKING=0 ANSIBLE_RETRY_FILES_ENABLED=0 \
    ansible-playbook -i "$work/inventory" "$ansible_dir/dockcis.yml" -e "dockcis_deb=$deb" -e "@$work/site.yml" \
    -e "dockcis_fetch_dir=$work/fetched" "$@"
}
recap() { sed -n "s/^$1 *:.* $2=\([0-9]*\).*/\1/p" "$3"; }
# ran_everywhere LOG: both hosts reached, nothing failed or unreachable.
ran_everywhere() {
  local host
  for host in this-host debian-root; do
    [ -n "$(recap "$host" ok "$1")" ] && [ "$(recap "$host" failed "$1")" = 0 ] && [ "$(recap "$host" unreachable "$1")" = 0 ] || return 1
  done
}

playbook >"$work/first.log" 2>&1
if ran_everywhere "$work/first.log"; then ok "first run succeeds on both hosts"
else fail "first run"; grep -E '^(fatal|failed)|FAILED|PLAY RECAP' -A3 "$work/first.log" | head -40 | sed 's/^/    /'; fi
playbook >"$work/second.log" 2>&1
for host in this-host debian-root; do
  changed=$(recap "$host" changed "$work/second.log")
  if [ "$changed" = 0 ] && [ "$(recap "$host" failed "$work/second.log")" = 0 ]; then ok "second run on $host: changed=0"
  else fail "second run on $host: changed=${changed:-?}"; grep -B2 '^changed:' "$work/second.log" | sed 's/^/    /' | head -20; fi
done

# What the role left on the separate root: the package (no compiler), the
# configuration from the variables, the enabled timer with its schedule.
in_target() { docker exec "$target" sh -c "$1"; }
check "debian-root: dockcis installed from the .deb" in_target 'dpkg-query -W -f="\${Status}" dockcis | grep -q "install ok installed"'
check "debian-root: no compiler installed" in_target '! dpkg-query -W -f="\${Package} \${Status}\n" gcc g++ cpp "gcc-12" "g++-12" 2>/dev/null | grep -q "install ok installed"'
check "debian-root: the configuration holds the variables" \
  in_target 'grep -qx "level = 1" /etc/dockcis/dockcis.conf && grep -qx "keep = 5" /etc/dockcis/dockcis.conf && grep -q "trusted_docker_users=alice,bob" /etc/dockcis/dockcis.conf && grep -q "^fail-on = \"fail\"" /etc/dockcis/dockcis.conf'
check "debian-root: tailoring and waivers files" in_target 'grep -q "dockcis.tailoring/v1" /etc/dockcis/tailoring.json && grep -q W-1 /etc/dockcis/waivers.json'
check "debian-root: the timer is enabled" in_target 'test -L /etc/systemd/system/timers.target.wants/dockcis-audit.timer'
check "debian-root: the timer's schedule" in_target 'grep -qx "OnCalendar=\*-\*-\* 03:30:00" /etc/systemd/system/dockcis-audit.timer.d/schedule.conf'
check "debian-root: the watcher is enabled" in_target 'test -L /etc/systemd/system/multi-user.target.wants/dockcis-watch.service'
check "debian-root: the watcher's settings" \
  in_target 'sed -n "/^\[watch\]/,\$p" /etc/dockcis/dockcis.conf | grep -qx "full-every = \"6h\"" && sed -n "/^\[watch\]/,\$p" /etc/dockcis/dockcis.conf | grep -qx "level = 1"'
check "debian-root: the configuration is valid for the watcher" \
  in_target '/usr/bin/dockcis --config /etc/dockcis/dockcis.conf watch --help >/dev/null'
check "this host: the timer is enabled" test -L /etc/systemd/system/timers.target.wants/dockcis-audit.timer

# On demand: --tags audit runs the scheduled audit's command and fetches the reports.
playbook --tags audit >"$work/audit.log" 2>&1
if ran_everywhere "$work/audit.log"; then ok "--tags audit succeeds on both hosts"
else fail "--tags audit"; grep -E '^(fatal|failed)|FAILED|PLAY RECAP' -A3 "$work/audit.log" | head -40 | sed 's/^/    /'; fi
check "--tags audit changes no configuration" bash -c "! grep -q '^changed: .*dockcis.conf' '$work/audit.log'"
for host in this-host debian-root; do
  report=$work/fetched/$host.json
  check "$host: its newest JSON report was fetched" jq -e '.schema == "dockcis.report/v2"' "$report"
  check "$host: the report used the role's level, parameters, tailoring and waivers" jq -e '
    .level == "1" and .parameters.trusted_docker_users == ["alice","bob"]
    and .parameters.allowed_log_drivers == ["json-file","journald"]
    and ([.results[] | select(.id == "2.1")][0].state == "notselected")
    and ([.waivers[] | .id] | index("W-1") != null)' "$report"
done
check "the two targets are separate roots (host names differ)" bash -c "a=\$(jq -r .host.hostname '$work/fetched/this-host.json') && b=\$(jq -r .host.hostname '$work/fetched/debian-root.json') && [ -n \"\$a\" ] && [ -n \"\$b\" ] && [ \"\$a\" != \"\$b\" ]"
finish
