#!/usr/bin/python3
"""The shipped catalogue: validates without a diagnostic, every profile has
its CIS count in CIS order, every recommendation has a check, every check is
used, keys are shared across versions, v1.8.0 renumbers section 2, and every
predicate whose operator takes several kinds of value declares the one its
field holds."""
import glob, json, os, subprocess, sys

source, dockcis = os.environ["SOURCE_DIR"], os.environ["DOCKCIS"]
failures = []
run = subprocess.run([dockcis, "validate", "--checks-dir", source + "/checks", "--profiles-dir", source + "/profiles"],
                     capture_output=True, text=True)
if run.returncode != 0 or not run.stdout.startswith("ok:"):
    failures.append("validate: " + run.stdout + run.stderr)

checks = {}
data = {}
for path in sorted(glob.glob(source + "/checks/*.json")):
    document = json.load(open(path))
    if document.get("schema") == "dockcis.data/v1":
        data[document["name"]] = document
        continue
    for check in document["checks"]:
        if check["key"] in checks:
            failures.append("duplicate key " + check["key"])
        checks[check["key"]] = check
profiles = {p["id"]: p for p in (json.load(open(f)) for f in sorted(glob.glob(source + "/profiles/*.json")))}
expected = {"cis-docker-1.6.0": 117, "cis-docker-1.7.0": 117, "cis-docker-1.8.0": 118}
used = set()
for pid, count in expected.items():
    recs = profiles[pid]["recommendations"]
    if len(recs) != count:
        failures.append("%s has %d recommendations, expected %d" % (pid, len(recs), count))
    ids = [r["id"] for r in recs]
    if len(set(ids)) != len(ids):
        failures.append(pid + " has duplicate ids")
    ordered = sorted(ids, key=lambda i: [int(x) for x in i.split(".")])
    if ids != ordered:
        failures.append(pid + " is not in CIS order")
    for r in recs:
        used.add(r["key"])
        if r["key"] not in checks:
            failures.append("%s %s has no check %s" % (pid, r["id"], r["key"]))
unused = set(checks) - used
if unused:
    failures.append("checks no profile uses: %s" % sorted(unused))
by_id = lambda pid: {r["id"]: r for r in profiles[pid]["recommendations"]}
p16, p17, p18 = by_id("cis-docker-1.6.0"), by_id("cis-docker-1.7.0"), by_id("cis-docker-1.8.0")
if p18["2.7"]["key"] != "daemon.storage_not_devicemapper" or p18["2.8"]["key"] != p16["2.7"]["key"] or p18["2.19"]["key"] != p16["2.18"]["key"]:
    failures.append("1.8.0 does not renumber section 2 (new 2.7, old 2.7-2.18 as 2.8-2.19)")
if "docker.sock" not in p17["1.1.9"]["title"] or p17["1.1.4"]["assessment"] != "manual" or p17["1.1.18"]["assessment"] != "automated":
    failures.append("1.7.0 changes to 1.1.x are missing")
if "/lib64" in profiles["cis-docker-1.6.0"]["parameters"]["sensitive_host_dirs"]["default"] or \
   "/lib64" not in profiles["cis-docker-1.7.0"]["parameters"]["sensitive_host_dirs"]["default"]:
    failures.append("/lib64 belongs to 5.6 from 1.7.0 on")
manual = [k for k, c in checks.items() if c.get("mode") == "manual"]
for key in manual:
    if not checks[key].get("evidence"):
        failures.append("manual check %s shows no evidence" % key)
# Operators that judge a text, a list or an object alike (empty passes "" and
# [] and {}): only the predicate's "type" tells a value of the wrong kind.
SEVERAL_KINDS = {"empty", "not_empty", "matches", "not_matches", "contains", "not_contains", "subset_of", "disjoint_with",
                 "caps_include", "caps_subset_of"}
for key, check in checks.items():
    pending = [check.get("test"), check.get("applies_if")]
    while pending:  # no recursion on the catalogue
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict) and "fact" in node:
            if node.get("op") in SEVERAL_KINDS and "type" not in node:
                failures.append("%s: %s of %s %s declares no type" % (key, node["op"], node["fact"], node.get("select", "")))
        elif isinstance(node, dict):
            pending.extend(node.values())
# explain shows a predicate's declared type beside it.
explained = subprocess.run([dockcis, "explain", "image.no_secrets", "--checks-dir", source + "/checks", "--profiles-dir",
                            source + "/profiles"], capture_output=True, text=True).stdout
if "image.inspect /Config/Env not_matches" not in explained or "[holds a list of texts]" not in explained:
    failures.append("explain image.no_secrets does not show that /Config/Env holds a list of texts:\n" + explained)
for f in failures:
    print("FAIL:", f)
if failures:
    sys.exit(1)
print("ok: %d checks, profiles %s, %d decided by dockcis, %d manual" %
      (len(checks), {p: len(profiles[p]["recommendations"]) for p in expected}, len(checks) - len(manual), len(manual)))
