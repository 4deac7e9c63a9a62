#!/usr/bin/env bash
# Feeds reports to the programs that consume them: the golden snapshot as
# dockcis renders it, and the hand-made sample (make_sample_report) whose host
# values are built to break a renderer.
#   html:  headless Chromium (html_chromium.py)
#   junit: xmllint against the strict JUnit XSD in shared/schemas beside the checkout
#   json:  the shipped JSON Schema (python3-jsonschema)
#   xccdf: OpenSCAP's oscap validates the XCCDF 1.2 results and renders its own report
#   sarif: the SARIF Multitool (npm @microsoft/sarif-multitool, installed under NPM_PREFIX) validates SARIF 2.1.0
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(dirname "$0")
audit() { "$DOCKCIS" audit --facts "$FACTS" --no-color "$@"; }
"$SAMPLE" "$work" || { echo "FAIL: make_sample_report"; exit 1; }

case "$1" in
  html)
    audit -f html >"$work/report.html"
    status=0
    /usr/bin/python3 "$here/html_chromium.py" "$work/report.html" --screenshot /tmp/dockcis-report-screenshot.png \
      --hostile "/tmp/dockcis-<script>alert(1)</script>]]>" || status=1
    # The sample's container name as clean_text shows its escape, C1, bidi override and stray byte.
    /usr/bin/python3 "$here/html_chromium.py" "$work/sample.html" --screenshot /tmp/dockcis-sample-screenshot.png \
      --hostile 'web\x1b[31m<script>alert(1)</script>]]>"'"'"'\u009b2J\u202eevil\xff' \
      --hostile "registry.local/<img src=x onerror=alert(2)>:latest" \
      --hostile "/srv/<script>alert(3)</script>]]>" \
      --hostile 'label "><script>alert(4)</script>' \
      --hostile "Debian GNU/Linux 12 <b>(bookworm)</b>" || status=1
    # Three pages of containers: the hostile name comes from the row data, on the last page.
    /usr/bin/python3 "$here/html_chromium.py" "$work/sample-long.html" \
      --hostile 'web\x1b[31m<script>alert(1)</script>]]>"'"'"'\u009b2J\u202eevil\xff' \
      --hostile "registry.local/<img src=x onerror=alert(2)>:latest" || status=1
    exit $status
    ;;
  junit)
    xsd="$SOURCE_DIR/../shared/schemas/junit.xsd"
    if [ ! -f "$xsd" ]; then echo "SKIP: no $xsd beside the checkout"; exit 77; fi
    status=0
    for profile in cis-docker-1.6.0 cis-docker-1.8.0; do
      audit --profile "$profile" -f junit >"$work/$profile.xml"
      audit --profile "$profile" --junit-per-instance -o "junit=$work/$profile-instances.xml"
      for file in "$work/$profile.xml" "$work/$profile-instances.xml"; do
        xmllint --noout --schema "$xsd" "$file" || status=1
      done
    done
    for file in "$work/sample.junit.xml" "$work/sample-instances.junit.xml"; do
      xmllint --noout --schema "$xsd" "$file" || status=1
    done
    # Per-instance test case names are unique within a suite.
    duplicates=$(xmllint --xpath '//testcase/@name' "$work/cis-docker-1.6.0-instances.xml" | sort | uniq -d)
    [ -z "$duplicates" ] || { echo "FAIL: duplicate testcase names: $duplicates"; status=1; }
    grep -q '<failure message=' "$work/cis-docker-1.6.0.xml" || { echo "FAIL: no failure element"; status=1; }
    grep -q '<skipped message="manual: ' "$work/cis-docker-1.6.0.xml" || { echo "FAIL: manual checks are not skipped with a reason"; status=1; }
    exit $status
    ;;
  xccdf)
    command -v oscap >/dev/null || { echo "FAIL: oscap is not installed (scripts/install-deps.sh)"; exit 1; }
    status=0
    for profile in cis-docker-1.6.0 cis-docker-1.8.0; do
      audit --profile "$profile" -f xccdf >"$work/$profile.xml"
      oscap xccdf validate "$work/$profile.xml" >"$work/validate.log" 2>&1 || { echo "FAIL: oscap rejects the $profile XCCDF:"; cat "$work/validate.log"; status=1; }
      oscap xccdf generate report "$work/$profile.xml" >"$work/$profile.html" 2>"$work/report.err" || { echo "FAIL: oscap cannot render $profile:"; cat "$work/report.err"; status=1; }
      grep -q "Ensure that privileged containers are not used" "$work/$profile.html" || { echo "FAIL: oscap's report lacks the rules"; status=1; }
    done
    # The sample has waivers (overrides). OpenSCAP's schematron rule for overrides also fires on
    # every rule-result without one in the same TestResult, so that one message is not a finding;
    # the schema and every other schematron rule must pass.
    oscap xccdf validate --skip-schematron "$work/sample.xccdf.xml" >"$work/validate.log" 2>&1 || { echo "FAIL: oscap rejects the sample XCCDF:"; cat "$work/validate.log"; status=1; }
    oscap xccdf validate "$work/sample.xccdf.xml" 2>&1 | grep -E '^(Error|OpenSCAP Error)' |
      grep -v "must match the value of the 'new-result' element in an 'override' element" >"$work/schematron.log"
    [ -s "$work/schematron.log" ] && { echo "FAIL: schematron errors in the sample XCCDF:"; cat "$work/schematron.log"; status=1; }
    grep -q '<old-result>fail</old-result>' "$work/sample.xccdf.xml" || { echo "FAIL: waivers are not overrides"; status=1; }
    oscap xccdf generate report "$work/sample.xccdf.xml" >"$work/sample-oscap.html" 2>"$work/report.err" || { echo "FAIL: oscap cannot render the sample:"; cat "$work/report.err"; status=1; }
    # Containers appear as instances of multi-instance rules.
    grep -q '<instance context="container">golden-bad</instance>' "$work/cis-docker-1.6.0.xml" || { echo "FAIL: no container instances"; status=1; }
    [ "$status" -eq 0 ] && echo "ok: oscap validates and renders the XCCDF results"
    exit $status
    ;;
  sarif)
    bash "$here/sarif_multitool.sh" "$work" || exit 1
    ;;
  json)
    audit --profile cis-docker-1.7.0 -f json >"$work/report.json"
    /usr/bin/python3 - "$SOURCE_DIR/schemas/dockcis-report-v2.schema.json" "$work/report.json" "$work/sample.json" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
failed = False
for path in sys.argv[2:]:
    report = json.load(open(path))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=lambda e: list(e.path))
    for error in errors[:20]:
        print("FAIL:", path, "/".join(map(str, error.path)), error.message[:300])
    failed = failed or bool(errors)
if failed:
    sys.exit(1)
assert len(json.load(open(sys.argv[2]))["results"]) == 117
print("ok: the golden and sample reports match", schema["title"])
PY
    ;;
esac
