#!/usr/bin/env bash
# Evaluates facts/known-host.json with each profile and every format and compares
# the output with expected/, after blanking what differs between runs (run id
# and times). UPDATE_GOLDEN=1 rewrites expected/ instead of comparing.
set -u
facts="$GOLDEN_DIR/facts/known-host.json"
expected="$GOLDEN_DIR/expected"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$facts" ] || { echo "missing $facts"; exit 1; }
mkdir -p "$expected"

normalise() {
  sed -E \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIMESTAMP/g' \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/RUN-ID/g' \
    -e 's/(time|timestamp)="[^"]*"/\1="X"/g'
}

failures=0
for profile in cis-docker-1.6.0 cis-docker-1.7.0 cis-docker-1.8.0; do
  for format in json junit text html xccdf; do
    name="$profile.$format"
    "$DOCKCIS" audit --facts "$facts" --profile "$profile" --no-color -f "$format" >"$work/raw" 2>"$work/err"
    code=$?
    if [ "$code" -gt 1 ]; then
      echo "FAIL: $name: exit $code"; cat "$work/err"; failures=$((failures + 1)); continue
    fi
    # The JSON report is compact; compared indented, so a diff shows the change.
    if [ "$format" = json ]; then
      python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin), indent=2, ensure_ascii=False))' <"$work/raw" >"$work/pretty" &&
        mv "$work/pretty" "$work/raw"
    fi
    normalise <"$work/raw" >"$work/$name"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
      cp "$work/$name" "$expected/$name"
      echo "updated $name"
    elif ! diff -u "$expected/$name" "$work/$name" >"$work/diff"; then
      echo "FAIL: $name differs from the golden file:"; head -60 "$work/diff"; failures=$((failures + 1))
    else
      echo "ok: $name"
    fi
  done
  # Ids and states, the essence: one line per recommendation.
  "$DOCKCIS" audit --facts "$facts" --profile "$profile" -f json 2>/dev/null |
    python3 -c 'import json,sys; [print(r["id"], r["key"], r["state"]) for r in json.load(sys.stdin)["results"]]' >"$work/$profile.states"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/$profile.states" "$expected/$profile.states"
  elif ! diff -u "$expected/$profile.states" "$work/$profile.states"; then
    echo "FAIL: $profile ids and states changed"; failures=$((failures + 1))
  fi
done
# Two runs over the same facts give byte-identical reports in every format
# apart from run id and times, the verbose text and per-instance JUnit included.
for options in "-f json" "-f junit" "-f text" "-f html" "-f xccdf" "-f text -v" "-f junit --junit-per-instance"; do
  # shellcheck disable=SC2086
  "$DOCKCIS" audit --facts "$facts" --no-color $options 2>/dev/null | normalise >"$work/a"
  # shellcheck disable=SC2086
  "$DOCKCIS" audit --facts "$facts" --no-color $options 2>/dev/null | normalise >"$work/b"
  if [ ! -s "$work/a" ] || ! cmp -s "$work/a" "$work/b"; then
    echo "FAIL: 'audit $options' is not deterministic"; failures=$((failures + 1))
  fi
done

[ "$failures" -eq 0 ] && echo "golden outputs match" || { echo "$failures golden file(s) differ (UPDATE_GOLDEN=1 to accept)"; exit 1; }
