#!/usr/bin/python3
"""Pass and fail cases for checks that need a host state the live tests cannot
make here (swarm, TLS files, rootless, userns, remote logging...). Each case
is a minimal facts snapshot evaluated with `dockcis audit --facts --only ID`."""
import copy, json, os, subprocess, sys, tempfile

dockcis = os.environ["DOCKCIS"]
spec = json.load(open(sys.argv[1]))
base = spec["base"]

def merge(target, patch):
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict) and not key.startswith("$"):
            merge(target[key], value)
        else:
            target[key] = value

failures, count = [], 0
with tempfile.TemporaryDirectory() as work:
    for case in spec["cases"]:
        facts = copy.deepcopy(base)
        for key, value in case.get("facts", {}).items():
            if key in facts and isinstance(value, dict) and isinstance(facts[key], dict):
                merge(facts[key], value)
            else:
                facts[key] = value
        snapshot = {"schema": "dockcis.facts/v1", "meta": case.get("meta", {}), "facts": {k: {"value": v} for k, v in facts.items()}}
        for key, reason in case.get("unavailable", {}).items():
            snapshot["facts"][key] = {"unavailable": reason}
        path = os.path.join(work, "facts.json")
        json.dump(snapshot, open(path, "w"))
        args = [dockcis, "audit", "--facts", path, "-f", "json", "--profile", case.get("profile", "cis-docker-1.6.0"), "--only", case["id"]]
        for param in case.get("params", []):
            args += ["--param", param]
        run = subprocess.run(args, capture_output=True, text=True)
        count += 1
        if run.returncode > 1:
            failures.append("%s (%s): exit %d %s" % (case["id"], case["why"], run.returncode, run.stderr))
            continue
        result = next(r for r in json.loads(run.stdout)["results"] if r["id"] == case["id"])
        if result["state"] != case["state"]:
            failures.append("%s (%s): %s, expected %s: %s" % (case["id"], case["why"], result["state"], case["state"], result["reason"]))
for f in failures:
    print("FAIL:", f)
if failures:
    sys.exit(1)
print("ok: %d cases" % count)
