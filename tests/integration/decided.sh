#!/usr/bin/env bash
# Recommendations CIS assesses as Manual that dockcis decides from the host:
# 4.1 (effective uid of a running container), 4.8 (setuid files in the layer
# directories), 5.28 (a tag moved to another image), 6.1 and 6.2 (thresholds),
# 1.2.2 (release table). Images are imported from tarballs: no registry.
source "$LIB"
require_engine

# import NAME:TAG DIR: an image of one layer holding DIR's tree (owned by root).
import_image() {
  tar --owner=0 --group=0 -C "$2" -cf "$WORK/layer.tar" . &&
    docker import -c 'CMD ["/bin/true"]' "$WORK/layer.tar" "$1" >/dev/null || { echo "FAIL: docker import $1"; exit 1; }
}
instance_by_id() {
  jq -r --arg id "$1" --arg image "$2" '.subjects as $s | .results[] | select(.id == $id) | .instances[] | select($s[.subject].id == $image) | .state' "$WORK/report.json"
}
expect_true() {
  CHECKS=$((CHECKS + 1))
  [ "$1" = true ] || { echo "FAIL: $2"; FAILURES=$((FAILURES + 1)); }
}

tree="$WORK/tree"
mkdir -p "$tree/usr/bin" "$tree/bin"
printf 'x' >"$tree/usr/bin/passwd"
chmod 4755 "$tree/usr/bin/passwd"
printf 'y' >"$tree/bin/true"
chmod 755 "$tree/bin/true"
tag="$PREFIX-suid:1"
import_image "$tag" "$tree"
IMAGES+=("$tag")
old_id=$(docker image inspect -f '{{.Id}}' "$tag")
create stale "$tag"
# The same tag, rebuilt without the setuid bit: the container keeps the old image.
chmod 0755 "$tree/usr/bin/passwd"
import_image "$tag" "$tree"
new_id=$(docker image inspect -f '{{.Id}}' "$tag")
IMAGES+=("$old_id")
create fresh "$tag"
run root-user dockcis-test/busybox sleep 300
run app-user --user 1000:1000 dockcis-test/busybox sleep 300

audit --profile cis-docker-1.8.0 --only 1.2.2,4.1,4.8,5.28,6.1,6.2
expect_instance 5.28 stale fail
expect_instance 5.28 fresh pass
CHECKS=$((CHECKS + 1))
[ "$(instance_by_id 4.8 "$old_id")" = fail ] || { echo "FAIL: 4.8 for the setuid image is not fail"; FAILURES=$((FAILURES + 1)); }
CHECKS=$((CHECKS + 1))
[ "$(instance_by_id 4.8 "$new_id")" = pass ] || { echo "FAIL: 4.8 for the rebuilt image is not pass"; FAILURES=$((FAILURES + 1)); }
files=$(jq -c --arg image "$old_id" '.subjects as $s | .results[] | select(.id == "4.8") | .instances[] | select($s[.subject].id == $image) | .evidence[0].actual' "$WORK/report.json")
expect_true "$([ "$files" = '["/usr/bin/passwd"]' ] && echo true)" "4.8 lists $files, expected [\"/usr/bin/passwd\"]"
expect_instance 4.1 root-user fail
expect_instance 4.1 app-user pass
euid=$(jq -r --arg name "$PREFIX-app-user" '.subjects as $s | .results[] | select(.id == "4.1") | .instances[] | select($s[.subject].name == $name) | .evidence[1].actual' "$WORK/report.json")
expect_true "$([ "$euid" = 1000 ] && echo true)" "4.1 read effective uid '$euid' for the --user 1000 container, expected 1000"
expect_state 6.2 fail
stopped=$(jq -r --arg name "$PREFIX-stale" '[.results[] | select(.id == "6.2") | .evidence[] | select(.label == "Stopped containers") | .actual[] | select(.name == $name)] | length' "$WORK/report.json")
expect_true "$([ "$stopped" = 1 ] && echo true)" "6.2 evidence does not list $PREFIX-stale"
state=$(state_of 1.2.2)
expect_true "$([ "$state" = pass ] || [ "$state" = fail ] && echo true)" "1.2.2 is '$state' with a current release table"

audit --profile cis-docker-1.8.0 --only 4.8,6.1,6.2 --param allowed_setuid_files=/usr/bin/passwd \
  --param max_stopped_containers=1000000 --param max_unused_images=1000000
CHECKS=$((CHECKS + 1))
[ "$(instance_by_id 4.8 "$old_id")" = pass ] || { echo "FAIL: 4.8 with /usr/bin/passwd allowed is not pass"; FAILURES=$((FAILURES + 1)); }
expect_state 6.1 pass
expect_state 6.2 pass
finish
