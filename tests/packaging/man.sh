#!/usr/bin/env bash
# Every man page, linted by groff (all warnings) and mandoc; any message fails.
source "$(dirname "$0")/lib.sh"
for page in "$SOURCE_DIR"/man/*.[0-9]; do
  name=$(basename "$page")
  check "groff -ww -z -man $name: no warning" bash -c "groff -ww -z -man '$page' 2>&1 | { ! grep .; }"
  check "mandoc -T lint $name: no warning" bash -c "mandoc -T lint -W warning '$page' 2>&1 | { ! grep .; }"
done
check "dockcis(8) is the command page" test -f "$SOURCE_DIR/man/dockcis.8"
# Every command and every long option of the binary is documented.
for command in audit facts validate list explain diff completion watch; do
  check "dockcis(8) documents '$command'" grep -q "^\.B $command\b" "$SOURCE_DIR/man/dockcis.8"
  for option in $("$DOCKCIS" "$command" --help | grep -oE '^\s+(-[a-zA-Z],)?--[a-z-]+' | grep -oE -- '--[a-z-]+' | grep -v -- --help | sort -u); do
    check "dockcis(8) documents $command $option" grep -q -- "${option//-/\\\\-}" "$SOURCE_DIR/man/dockcis.8"
  done
done
for use in "By hand" "From a systemd timer" "Reports for an auditor" "A fleet with Ansible"; do
  check "dockcis(8) has an example: $use" grep -q "^$use" "$SOURCE_DIR/man/dockcis.8"
done
finish
