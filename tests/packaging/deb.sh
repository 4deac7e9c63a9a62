#!/usr/bin/env bash
# The Debian package for real: dpkg-buildpackage, lintian, its contents, apt-get
# install, an audit from it (by hand, as the service runs it, and in the
# service's sandbox emulated), the audit's system calls against the unit's
# filter, the units under systemd-analyze verify and security, then a purge
# that leaves nothing.
source "$(dirname "$0")/lib.sh"
require_root
require_engine

deb=$(need_deb) || { fail "dpkg-buildpackage -us -uc -b"; finish; }
ok "dpkg-buildpackage built $(basename "$deb")"

# lintian: no error; every warning kept is listed, with its reason, in the README.
lintian --tag-display-limit 0 "$deb" "${deb%/*}"/*.changes >"$work/lintian" 2>&1
if grep -q '^E:' "$work/lintian"; then fail "lintian reports errors"; grep '^E:' "$work/lintian" | sed 's/^/    /'; else ok "lintian: no error"; fi
while read -r tag; do
  if grep -q -- "\`$tag\`" "$SOURCE_DIR/README.md"; then ok "lintian warning $tag is explained in the README"
  else fail "lintian warning $tag is not explained in the README"; fi
done < <(sed -n 's/^W: [^:]*: \([a-z0-9-]*\).*/\1/p' "$work/lintian" | sort -u)

# Contents: what a host needs, and the conffile.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for path in /usr/bin/dockcis /usr/share/dockcis/checks/ /usr/share/dockcis/profiles/cis-docker-1.8.0.json \
            /usr/share/dockcis/schemas/dockcis-report-v1.schema.json /usr/share/dockcis/schemas/dockcis-report-v2.schema.json /usr/share/man/man8/dockcis.8.gz \
            /usr/share/man/man5/dockcis-checks.5.gz /lib/systemd/system/dockcis-audit.service \
            /lib/systemd/system/dockcis-audit.timer /lib/systemd/system/dockcis-watch.service /etc/dockcis/dockcis.conf \
            /usr/share/bash-completion/completions/dockcis /usr/share/doc/dockcis/copyright; do
  check "the package holds $path" grep -qx -- "$path" "$work/contents"
done
dpkg-deb -e "$deb" "$work/control"
check "/etc/dockcis/dockcis.conf is a conffile" grep -qx /etc/dockcis/dockcis.conf "$work/control/conffiles"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$work/depends"
check "no compiler or build package among the dependencies ($(paste -sd' ' "$work/depends"))" \
  bash -c "! grep -Ex 'gcc(-[0-9]+)?|g\\+\\+(-[0-9]+)?|cpp|clang.*|meson|ninja-build|build-essential|.*-dev' '$work/depends'"

hold_host_lock
purge_dockcis
# What the package's directories held before it came, to compare after the purge.
watched=(/etc/dockcis /etc/systemd /etc/default /etc/cron.d /etc/logrotate.d /usr/bin /usr/sbin /usr/share/dockcis /usr/share/man/man8 /usr/share/man/man5 /usr/share/bash-completion
         /usr/share/doc/dockcis /lib/systemd/system /etc/systemd/system /var/lib/dockcis /var/cache/dockcis)
snapshot() { find "${watched[@]}" -xdev 2>/dev/null | sort; }
snapshot >"$work/before"

if (cd "${deb%/*}" && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q ./dockcis_*.deb) \
    >"$work/install.log" 2>&1; then
  ok "apt-get install ./dockcis_*.deb"
else
  fail "apt-get install ./dockcis_*.deb"; tail -20 "$work/install.log" | sed 's/^/    /'; finish
fi
on_exit purge_dockcis
dpkg -L dockcis >"$work/files"

/usr/bin/dockcis audit --no-color >"$work/audit.txt" 2>"$work/audit.err"
rc=$?
if [ "$rc" -le 1 ] && grep -q 'score' "$work/audit.txt"; then ok "dockcis audit from the package: exit $rc"
else fail "dockcis audit from the package: exit $rc"; sed 's/^/    /' "$work/audit.err"; fi
check "the installed binary uses the installed checks" /usr/bin/dockcis validate
check "the installed man page is clean" bash -c 'zcat /usr/share/man/man8/dockcis.8.gz | groff -ww -z -man 2>&1 | { ! grep .; }'
check "bash completion is installed and registers dockcis" \
  bash -c 'source /usr/share/bash-completion/completions/dockcis && complete -p dockcis | grep -q _dockcis'

# The timer and the service: installed, not enabled.
check "the timer is not enabled by the package" test ! -e /etc/systemd/system/timers.target.wants/dockcis-audit.timer
check "the watcher is not enabled by the package" test ! -e /etc/systemd/system/multi-user.target.wants/dockcis-watch.service
check "systemd-analyze verify passes on the installed units" \
  systemd-analyze verify --man=no /lib/systemd/system/dockcis-audit.service /lib/systemd/system/dockcis-audit.timer \
  /lib/systemd/system/dockcis-watch.service
baseline=$(grep -v '^#' "$SOURCE_DIR/packaging/systemd/exposure")
for service in dockcis-audit.service dockcis-watch.service; do
  systemd-analyze security --offline=true "/lib/systemd/system/$service" >"$work/security" 2>&1
  exposure=$(sed -n "s/.*Overall exposure level for $service: \([0-9.]*\).*/\1/p" "$work/security")
  if [ -n "$exposure" ] && awk -v e="$exposure" -v b="$baseline" 'BEGIN { exit !(e <= b) }'; then
    ok "systemd-analyze security $service: exposure $exposure (at most $baseline)"
  else
    fail "systemd-analyze security $service: exposure '${exposure}' above $baseline"; grep '✗' "$work/security" | sed 's/^/    /'
  fi
done
check "the watcher is hardened as the audit unit (the same sandbox lines)" \
  bash -c "diff <(sed -n '/^# Root, with only/,/^SystemCallErrorNumber/p' /lib/systemd/system/dockcis-audit.service | grep -v '^#') \
                <(sed -n '/^# Root, with only/,/^SystemCallErrorNumber/p' /lib/systemd/system/dockcis-watch.service | grep -v '^#')"
check "the watcher restarts on failure and reloads with SIGHUP" \
  bash -c "grep -qx Restart=on-failure /lib/systemd/system/dockcis-watch.service && grep -q '^ExecReload=.*-HUP' /lib/systemd/system/dockcis-watch.service"

# The service's own command line, with the packaged configuration.
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/dockcis-audit.service)
check "the service runs dockcis with /etc/dockcis/dockcis.conf" test "$exec_start" = "/usr/bin/dockcis --config /etc/dockcis/dockcis.conf audit"
$exec_start >"$work/service.out" 2>"$work/service.err"
rc=$?
if [ "$rc" -le 1 ]; then ok "the service's command: exit $rc (findings are success: SuccessExitStatus=1)"
else fail "the service's command: exit $rc"; sed 's/^/    /' "$work/service.err"; fi
check "one summary line for the journal" bash -c "[ \$(grep -c '^dockcis: cis-docker-.* score ' '$work/service.err') -eq 1 ]"
for link in latest.json latest.html latest.junit.xml latest.txt latest.prom; do
  check "the scheduled run wrote $link" test -s "/var/lib/dockcis/reports/$link"
done
# The service's sandbox, emulated (no systemd runs here): a private network
# namespace, the root file system read-only but /var/lib/dockcis, only
# CAP_DAC_READ_SEARCH, no new privileges. It must decide as the unconfined run.
cp "$(readlink -f /var/lib/dockcis/reports/latest.json)" "$work/unconfined.json"
sandboxed() {
  unshare --net --mount sh -c 'mount --bind / / && mount -o remount,bind,ro / &&
    mount --bind /var/lib/dockcis /var/lib/dockcis && mount -o remount,bind,rw /var/lib/dockcis &&
    exec setpriv --no-new-privs --inh-caps=-all --bounding-set=-all,+dac_read_search -- "$@"' sandbox "$@"
}
for attempt in 1 2 3; do
  sleep 1  # a new report stamp
  sandboxed $exec_start >"$work/sandbox.out" 2>"$work/sandbox.err"
  rc=$?
  comparable_states "$work/unconfined.json" /var/lib/dockcis/reports/latest.json >"$work/unconfined.states"
  comparable_states /var/lib/dockcis/reports/latest.json "$work/unconfined.json" >"$work/sandbox.states"
  [ "$rc" -le 1 ] && diff -q "$work/unconfined.states" "$work/sandbox.states" >/dev/null && break
  # Containers of other work may have come or gone: run both again.
  $exec_start >/dev/null 2>&1
  cp "$(readlink -f /var/lib/dockcis/reports/latest.json)" "$work/unconfined.json"
done
check "in the service's sandbox the audit runs (exit $rc)" test "$rc" -le 1
check "in the service's sandbox the engine is reached and every file read: the same states" \
  diff "$work/unconfined.states" "$work/sandbox.states"
# The service's system call filter and address families, checked against what
# the audit really calls (strace): seccomp would refuse anything else.
unit=/lib/systemd/system/dockcis-audit.service
syscalls() {  # the system calls of the named sets and calls, sets expanded
  local item
  for item in "$@"; do
    case $item in
      @*) syscalls $(systemd-analyze syscall-filter "$item" | sed -n 's/^ \{4\}\([@a-z0-9_-]*\)$/\1/p') ;;
      *) echo "$item" ;;
    esac
  done
}
syscalls $(sed -n 's/^SystemCallFilter=\([^~].*\)/\1/p' "$unit") | sort -u >"$work/allowed"
syscalls $(sed -n 's/^SystemCallFilter=~\(.*\)/\1/p' "$unit") | sort -u >"$work/denied"
# In a network namespace of its own, as PrivateNetwork=yes runs it: there
# dockcis reads /proc/1/net rather than asking the kernel over netlink.
unshare --net strace -f -qq -o "$work/trace" $exec_start >/dev/null 2>&1
sed -E 's/^[0-9]+ +//; s/^<\.\.\. ([a-z0-9_]+) resumed>.*/\1/; s/\(.*//' "$work/trace" | grep -E '^[a-z0-9_]+$' | sort -u >"$work/used"
check "the audit makes $(wc -l <"$work/used") kinds of system call, all of them allowed by SystemCallFilter=" \
  bash -c "[ -s '$work/used' ] && [ -s '$work/allowed' ] && comm -23 '$work/used' <(comm -23 '$work/allowed' '$work/denied') | { ! grep .; }"
check "the audit opens Unix sockets only (RestrictAddressFamilies=AF_UNIX)" \
  bash -c "grep -q 'socket(AF_UNIX' '$work/trace' && ! grep -E 'socket\(AF_' '$work/trace' | grep -qv 'socket(AF_UNIX'"
check "the reports are not world-readable" bash -c '[ "$(stat -c %a "$(readlink -f /var/lib/dockcis/reports/latest.json)")" = 640 ]'

DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -q dockcis >"$work/purge.log" 2>&1
check "apt-get purge dockcis" bash -c "! dpkg-query -W -f='\${Status}' dockcis 2>/dev/null | grep -q installed"
left=()
while read -r path; do
  [ -e "$path" ] && [ ! -d "$path" ] && left+=("$path")
done <"$work/files"
if [ ${#left[@]} -eq 0 ]; then ok "every file of the package is gone"; else fail "left after purge: ${left[*]}"; fi
snapshot >"$work/after"
if diff "$work/before" "$work/after" >"$work/diff"; then ok "nothing left behind: /etc, /var/lib/dockcis, units and shared directories as before"
else fail "the purge left changes behind"; sed 's/^/    /' "$work/diff" | head -20; fi
finish
