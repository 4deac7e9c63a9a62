#!/usr/bin/env bash
# The scheduled run's settings: --config FILE (TOML/INI read by dockcis, the
# service's /etc/dockcis/dockcis.conf), and --keep retention in --output-dir.
# Facts come from the golden snapshot: no engine needed.
source "$(dirname "$0")/lib.sh"
facts=$SOURCE_DIR/tests/golden/facts/known-host.json

cat >"$work/site.conf" <<CONF
[audit]
profile = "cis-docker-1.7.0"
level = 1
output-dir = "$work/reports"
keep = 2
output = ["json", "text", "prometheus"]
param = ["trusted_docker_users=alice,bob"]
facts = "$facts"
CONF
# Three older runs, a file of the site's own and a link to keep.
mkdir -p "$work/reports"
for stamp in 20200101T020000Z 20200102T020000Z 20200103T020000Z; do
  for ext in json txt prom; do echo old >"$work/reports/dockcis-$stamp.$ext"; done
done
echo mine >"$work/reports/notes.txt"
"$DOCKCIS" --config "$work/site.conf" audit >"$work/out" 2>"$work/err"
rc=$?
check "an audit configured by file runs (exit $rc)" test "$rc" -le 1
check "the file's profile, level and parameter are used" \
  jq -e '.profile.id == "cis-docker-1.7.0" and .level == "1" and .parameters.trusted_docker_users == ["alice","bob"]' "$work/reports/latest.json"
check "the file's formats are written" bash -c "ls '$work/reports'/latest.{json,txt,prom}"
check "one summary line on standard error" bash -c "[ \$(wc -l <'$work/err') -eq 1 ] && grep -q '^dockcis: cis-docker-1.7.0 score' '$work/err'"
sets=$(ls "$work/reports" | sed -n 's/^dockcis-\([0-9TZ]*\)\..*/\1/p' | sort -u)
check "--keep 2 left the two newest runs" test "$(echo "$sets" | wc -l)" -eq 2
check "--keep removed the oldest runs" bash -c "! ls '$work/reports' | grep -q -e 20200101 -e 20200102"
check "--keep left other files alone" test -f "$work/reports/notes.txt"
check "latest.json points at a kept report" test -s "$work/reports/latest.json"

"$DOCKCIS" --config "$work/site.conf" audit --level 2 -o json >/dev/null 2>&1
check "the command line wins over the file" jq -e '.level == "2"' "$work/reports/latest.json"

printf '[audit]\nlevle = 1\n' >"$work/typo.conf"
"$DOCKCIS" --config "$work/typo.conf" audit --facts "$facts" >/dev/null 2>"$work/err"
rc=$?
check "an unknown key is a usage error (exit 2)" test "$rc" -eq 2
check "the error names the key" grep -q levle "$work/err"
"$DOCKCIS" --config "$work/missing.conf" validate >/dev/null 2>"$work/err"
check "a missing configuration file is a usage error" test $? -eq 2
"$DOCKCIS" audit --facts "$facts" --keep 3 >/dev/null 2>"$work/err"
check "--keep needs --output-dir" test $? -eq 2
"$DOCKCIS" audit --facts "$facts" --output-dir "$work/r2" --keep 0 >/dev/null 2>"$work/err"
check "--keep 0 is refused" test $? -eq 2

# The packaged configuration is valid as shipped.
check "packaging/dockcis.conf loads" "$DOCKCIS" --config "$SOURCE_DIR/packaging/dockcis.conf" validate
"$DOCKCIS" --config "$SOURCE_DIR/packaging/dockcis.conf" audit --facts "$facts" --output-dir "$work/shipped" >/dev/null 2>&1
check "packaging/dockcis.conf: an audit writes json, html, junit, text and prometheus" \
  bash -c "ls '$work/shipped'/latest.{json,html,junit.xml,txt,prom}"
finish
