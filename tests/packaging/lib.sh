# Shared by the packaging tests: the .deb and the Debian root are built once
# per run (under a lock, in $CACHE_DIR) and reused by every test that needs them.
# Needs: SOURCE_DIR, CACHE_DIR. Sourced, not run.
set -uo pipefail
failures=0
work=$(mktemp -d)
cleanups=()
cleanup() {
  local i
  for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do eval "${cleanups[i]}" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT
on_exit() { cleanups+=("$1"); }

ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
  local description=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then ok "$description"; else fail "$description"; sed 's/^/    /' "$work/check.out" | tail -20; fi
}
finish() {
  if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
  echo "all passed"
  exit 0
}
# A test that cannot run here: skip, except in CI where everything must run.
skip_or_fail() {
  if [ "${CI:-}" = true ] || [ "${DOCKCIS_REQUIRE_ENGINE:-}" = 1 ]; then echo "FAIL: $*"; exit 1; fi
  echo "skip: $*"
  exit 77
}
require_root() { [ "$(id -u)" -eq 0 ] || skip_or_fail "needs root (installs packages)"; }
engine_answers() { curl -sf --max-time 3 --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1; }
require_engine() {
  local _
  # Another test may be restarting it; 90 s stays within the 120 s timeout of
  # the light packaging tests, so a machine without an engine skips them.
  for _ in $(seq 1 45); do engine_answers && return 0; sleep 2; done
  skip_or_fail "no Docker engine answers on /var/run/docker.sock"
}

mkdir -p "$CACHE_DIR"
# Runs COMMAND... holding the lock NAME (one builder at a time; others wait).
with_lock() {
  local name=$1
  shift
  ( flock -w 1500 9 || { echo "lock $name not obtained in 25 minutes" >&2; exit 1; }; "$@" ) 9>"$CACHE_DIR/$name.lock"
}

# The .deb of this source tree: dpkg-buildpackage once per state of what goes
# into it: every file git knows (tracked, or untracked and not ignored) but
# the tests, scripts, benchmarks, Markdown, the Ansible role and the Dockerfile.
package_files() {
  (cd "$SOURCE_DIR" && git -c safe.directory="$SOURCE_DIR" ls-files -co --exclude-standard -z -- . ':!tests' ':!scripts' ':!bench' ':!*.md' \
    ':!packaging/ansible' ':!packaging/container')
}
source_key() {
  (cd "$SOURCE_DIR" && package_files | sort -z | xargs -0 sha256sum 2>/dev/null | sha256sum | cut -c1-16)
}
build_deb() {
  local key=$1 out tree
  out=$CACHE_DIR/deb-$key
  if ls "$out"/dockcis_*.deb >/dev/null 2>&1; then return 0; fi
  rm -rf "$CACHE_DIR"/deb-*
  tree=$CACHE_DIR/deb-build-$key/dockcis
  mkdir -p "$tree"
  package_files | tar -C "$SOURCE_DIR" --null -T - -cf - | tar -C "$tree" -xf - || return 1
  cp -r "$tree/packaging/debian" "$tree/debian"
  echo "building the package (log: $CACHE_DIR/dpkg-buildpackage.log)" >&2
  local started=$SECONDS
  if ! (cd "$tree" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) >"$CACHE_DIR/dpkg-buildpackage.log" 2>&1; then
    tail -30 "$CACHE_DIR/dpkg-buildpackage.log" >&2
    return 1
  fi
  echo "dpkg-buildpackage took $((SECONDS - started)) s" >&2
  mkdir -p "$out"
  mv "$tree"/../*.deb "$tree"/../*.buildinfo "$tree"/../*.changes "$out/"
  rm -rf "$CACHE_DIR/deb-build-$key"
}
# Prints the path of the .deb, building it first if needed.
need_deb() {
  local key
  key=$(source_key)
  with_lock deb build_deb "$key" || return 1
  ls "$CACHE_DIR/deb-$key"/dockcis_*.deb
}

# A separate Debian 12 root (debootstrap, minbase) with what the package and
# Ansible need on a target: its runtime libraries, python3, python3-apt,
# systemd, sudo (become). The tarball is kept across runs, named by its recipe.
rootfs_packages=python3,python3-apt,systemd,sudo,libcurl4,libpugixml1v5,libssl3,libre2-9,libsqlite3-0,libpq5,libsimdjson14,libjemalloc2
rootfs_tar=$CACHE_DIR/debian-bookworm-$(echo "$rootfs_packages" | sha256sum | cut -c1-8).tar
build_rootfs() {
  [ -s "$rootfs_tar" ] && return 0
  rm -f "$CACHE_DIR"/debian-bookworm-*.tar
  local root=$CACHE_DIR/rootfs-build started=$SECONDS
  rm -rf "$root"
  echo "debootstrap bookworm (log: $CACHE_DIR/debootstrap.log)" >&2
  if ! debootstrap --variant=minbase --include="$rootfs_packages" bookworm "$root" http://deb.debian.org/debian \
      >"$CACHE_DIR/debootstrap.log" 2>&1; then
    tail -20 "$CACHE_DIR/debootstrap.log" >&2
    rm -rf "$root"
    return 1
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$rootfs_tar.tmp" . && mv "$rootfs_tar.tmp" "$rootfs_tar"
  rm -rf "$root"
  echo "debootstrap took $((SECONDS - started)) s" >&2
}
need_rootfs() { with_lock rootfs build_rootfs; }

# Imports the root as an image named after this test run; removed on exit.
import_rootfs() {
  local tag=$1
  need_rootfs || return 1
  docker import "$rootfs_tar" "$tag" >/dev/null || return 1
  on_exit "docker image rm -f $tag"
}
# One line per check and per container instance with its state, to compare runs.
# comparable_states REPORT OTHER_REPORT: the states of REPORT's checks and
# instances, one per line, as far as OTHER_REPORT can be compared with it.
# Other work on the shared engine creates and removes containers and images
# between two runs: when the two inventories differ, only the instances both
# runs saw are compared, and a check that judges the inventory (it has
# instances in either run, or counts images and containers) is named without
# its state. Host and daemon checks are always compared.
comparable_states() {
  jq -r --slurpfile other "$2" '.subjects as $s |
    def ids: [.subjects[].id] | unique;
    def judges_inventory: (.instances // []) | length > 0;
    (ids) as $mine | ($other[0] | ids) as $theirs |
    [$mine[] | select(. as $id | $theirs | any(.[]; . == $id))] as $common |
    [$other[0].results[] | select(judges_inventory) | .key] as $their_inventory_checks |
    .results[] |
      if $mine == $theirs
         or ((judges_inventory | not) and (.key as $k | $their_inventory_checks | all(.[]; . != $k))
             and ([.evidence[]?.fact] | all(.[]; . != "engine.usage")))
      then "\(.id) \(.key) \(.state)"
      else "\(.id) \(.key) (the inventories differ)" end,
      (.instances[]? | $s[.subject].id as $id | select($common | any(.[]; . == $id)) | "  \($id[0:12]) \(.state)")' "$1"
}
# Prefix of everything these tests create on the shared engine.
run_prefix=dockcis-pkgtest-$$-$RANDOM

# Holds the lock for installing on this host until the test exits: the
# package and Ansible tests both install dockcis here and must not overlap.
hold_host_lock() {
  exec 8>"$CACHE_DIR/host-install.lock"
  flock -w 1500 8 || { echo "FAIL: host install lock not obtained in 25 minutes"; exit 1; }
}
# Removes dockcis from this host as a failed earlier run may have left it.
purge_dockcis() {
  systemctl disable dockcis-audit.timer >/dev/null 2>&1
  if dpkg-query -W -f='${Status}' dockcis 2>/dev/null | grep -q 'ok installed\|config-files'; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -q dockcis >/dev/null 2>&1
  fi
  rm -rf /etc/dockcis /var/lib/dockcis /var/cache/dockcis /etc/systemd/system/dockcis-audit.timer.d
}
