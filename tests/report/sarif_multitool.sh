#!/usr/bin/env bash
# SARIF 2.1.0 checked by Microsoft's SARIF Multitool (the npm package
# @microsoft/sarif-multitool, installed once into NPM_PREFIX, never globally):
# `validate` applies the SARIF schema and its rules; any error-level finding
# or warning fails. Then the content: ruleIds are check keys, waived results are
# suppressions with their justification, fingerprints are stable.
set -u
work=$1
tool=$(bash "$(dirname "$0")/sarif_tool.sh" "$work") || exit 1
# The .NET tool needs ICU unless told to run without it.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

status=0
"$DOCKCIS" audit --facts "$FACTS" --no-color -o sarif="$work/golden.sarif" >/dev/null 2>&1
[ $? -le 1 ] || { echo "FAIL: dockcis audit -o sarif"; exit 1; }
for file in "$work/golden.sarif" "$work/sample.sarif"; do
  [ -s "$file" ] || { echo "FAIL: no $file"; status=1; continue; }
  "$tool" validate -o "$file.validation" "$file" >"$work/validate.log" 2>&1 ||
    { echo "FAIL: sarif validate exit $? on $file"; cat "$work/validate.log"; status=1; continue; }
  python3 - "$file.validation" "$file" <<'PY' || status=1
import json, sys
log = json.load(open(sys.argv[1]))
findings = [r for run in log["runs"] for r in run.get("results", [])]
errors = [r for r in findings if r.get("level", "warning") in ("error", "warning")]
for r in errors:
    print("FAIL:", sys.argv[2], r.get("ruleId"), r["message"].get("text", r["message"].get("id")))
notes = sorted({r.get("ruleId") for r in findings} - {r.get("ruleId") for r in errors})
print("ok: the SARIF Multitool validates %s (%d errors or warnings; notes from: %s)" % (sys.argv[2].rsplit("/", 1)[1], len(errors), ", ".join(notes) or "none"))
sys.exit(1 if errors else 0)
PY
done

# The Multitool reports schema violations only in some cases, so the OASIS schema it ships is applied too.
/usr/bin/python3 - "$(dirname "$tool")/sarif-2.1.0.json" "$work/golden.sarif" "$work/sample.sarif" <<'PY' || status=1
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)
validator.check_schema(schema)
failed = False
for path in sys.argv[2:]:
    for error in list(validator(schema).iter_errors(json.load(open(path))))[:10]:
        print("FAIL:", path, "/".join(map(str, error.path)), error.message[:200])
        failed = True
sys.exit(1 if failed else 0)
PY
# The Multitool's rules do run: a rule whose name repeats its id is reported (SARIF1001).
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["runs"][0]["tool"]["driver"]["rules"][0]; r["name"]=r["id"]; json.dump(d, open(sys.argv[2], "w"))' \
  "$work/golden.sarif" "$work/spoiled.sarif"
"$tool" validate -o "$work/spoiled.validation" "$work/spoiled.sarif" >/dev/null 2>&1
grep -q '"SARIF1001"' "$work/spoiled.validation" || { echo "FAIL: the Multitool did not report a spoiled file; the validation above proves nothing"; status=1; }

python3 - "$work/golden.sarif" "$work/sample.sarif" <<'PY' || status=1
import json, sys
golden, sample = (json.load(open(p)) for p in sys.argv[1:])
failures = []
run = golden["runs"][0]
rules = run["tool"]["driver"]["rules"]
results = run["results"]
if golden["version"] != "2.1.0": failures.append("version")
if not results: failures.append("the golden host has failures but the SARIF has no result")
for result in results:
    rule = rules[result["ruleIndex"]]
    if result["ruleId"] != rule["id"] or "." not in rule["id"]: failures.append("ruleId %s is not the check key" % result["ruleId"])
    if not rule["properties"].get("cis_id"): failures.append("rule %s lacks its CIS id" % rule["id"])
    if result["level"] not in ("error", "warning", "note"): failures.append("level %s" % result["level"])
    if not result["partialFingerprints"].get("dockcisFinding/v1"): failures.append("no fingerprint")
prints = [r["partialFingerprints"]["dockcisFinding/v1"] for r in results]
if len(prints) != len(set(prints)): failures.append("two results share a fingerprint")
suppressed = [r for r in sample["runs"][0]["results"] if r.get("suppressions")]
if not suppressed: failures.append("the sample's waived results are not suppressions")
for result in suppressed:
    s = result["suppressions"][0]
    if s["kind"] != "external" or s["status"] != "accepted" or not s["justification"]: failures.append("suppression %s" % s)
for f in failures: print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
# The same facts give the same fingerprints in a second run.
"$DOCKCIS" audit --facts "$FACTS" --no-color -o sarif="$work/again.sarif" >/dev/null 2>&1
python3 -c 'import json,sys; f=lambda p: [r["partialFingerprints"] for r in json.load(open(p))["runs"][0]["results"]]; sys.exit(f(sys.argv[1]) != f(sys.argv[2]))' \
  "$work/golden.sarif" "$work/again.sarif" || { echo "FAIL: fingerprints change between runs"; status=1; }
exit $status
