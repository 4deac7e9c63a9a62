#!/usr/bin/python3
"""Every reason dockcis gives is a sentence about the host. Evaluates the golden
hosts (tests/golden/facts/*.json) and every fact case of cases.json with every
profile, and for every result and instance in a state other than pass and
notselected asserts that its reason is not JSON, names no internal fact or
${...} target, does not read "expected equal to", and names its object: the
literal words of the check's message object (the check's title for a manual
check, the collection for a check over instances)."""
import glob, json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from case_snapshots import snapshots  # noqa: E402

dockcis = os.environ["DOCKCIS"]
source = os.environ["SOURCE_DIR"]
PROFILES = [os.path.basename(p)[:-5] for p in sorted(glob.glob(os.path.join(source, "profiles", "*.json")))]
KINDS = [line.split()[0] for line in subprocess.run([dockcis, "list", "--facts"], capture_output=True, text=True, check=True).stdout.splitlines() if "." in line.split(" ")[0]]
FACT_NAME = re.compile(r"\b(%s)\b" % "|".join(re.escape(kind) for kind in KINDS))
SKIP = {"pass", "notselected"}

checks = {}
for path in glob.glob(os.path.join(source, "checks", "*.json")):
    for check in json.load(open(path)).get("checks", []):  # data files (dockcis.data/v1) hold no checks
        checks[check["key"]] = check


def object_words(check):
    """The words of the check's object phrase a reason must use: those of four
    letters or more outside placeholders, each by its stem (its first letters,
    so "rules" is named by "rule" and "processes" by "process")."""
    phrase = re.sub(r"\{[a-z]+\}", " ", check.get("message", {}).get("object", ""))
    words = re.findall(r"[A-Za-z][A-Za-z'-]{3,}", phrase)
    return [w.lower().removesuffix("'s")[: max(4, len(w) - 2)] for w in words]


def problems(reason, check, title, instance_level):
    found = []
    if not reason.strip():
        found.append("empty reason")
    if "{" in reason or "}" in reason:
        found.append("braces (JSON or an unfilled placeholder)")
    if "${" in reason:
        found.append("a ${...} target")
    if FACT_NAME.search(reason):
        found.append("an internal fact name (%s)" % FACT_NAME.search(reason).group(0))
    if "expected equal to" in reason or "is false, expected" in reason or "is true, expected" in reason:
        found.append("internal phrasing")
    if check.get("mode") == "manual" and reason.startswith("Needs a person"):
        if title not in reason and not all(w in reason.lower() for w in object_words(check) or ["\0"]):
            found.append("does not name what to review")
    elif check.get("for_each") and not instance_level and not object_words(check):
        found.append("the check has no message object")
    elif "message" not in check or not check["message"].get("object"):
        found.append("the check has no message object")
    else:
        missing = [w for w in object_words(check) if w not in reason.lower()]
        if missing and not (check.get("for_each") and not instance_level and "there are no" in reason):
            found.append("does not name its object (%s)" % "; ".join(missing))
    return found


failures, seen = [], 0
with tempfile.TemporaryDirectory() as work:
    cases = list(snapshots(os.path.join(source, "tests", "catalogue", "cases.json")))
    for golden in sorted(glob.glob(os.path.join(source, "tests", "golden", "facts", "*.json"))):
        cases.append((os.path.basename(golden), json.load(open(golden)), []))
    for name, snapshot, params in cases:
        path = os.path.join(work, "facts.json")
        json.dump(snapshot, open(path, "w"))
        for profile in PROFILES:
            args = [dockcis, "audit", "--facts", path, "-f", "json", "--profile", profile]
            for param in params:
                args += ["--param", param]
            run = subprocess.run(args, capture_output=True, text=True)
            if run.returncode > 1:
                failures.append("%s with %s: exit %d %s" % (name, profile, run.returncode, run.stderr.strip()))
                continue
            for result in json.loads(run.stdout)["results"]:
                check = checks[result["key"]]
                items = [(result, False)] + [(i, True) for i in result.get("instances", [])]
                for item, instance_level in items:
                    if item["state"] in SKIP:
                        continue
                    seen += 1
                    for problem in problems(item["reason"], check, result["title"], instance_level):
                        where = result["id"] + (" " + item["name"] if instance_level else "")
                        failures.append("%s [%s] (%s): %s: %r" % (where, result["key"], item["state"], problem, item["reason"]))
unique = sorted(set(failures))
for failure in unique[:400]:
    print("FAIL:", failure)
if unique:
    print("%d distinct problems" % len(unique))
    sys.exit(1)
print("ok: %d reasons over %d snapshots and %d profiles" % (seen, len(cases), len(PROFILES)))
