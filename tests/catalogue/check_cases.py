#!/usr/bin/python3
"""Pass and fail cases for checks that need a host state the live tests cannot
make here (swarm, TLS files, rootless, userns, remote logging...). Each case
is a minimal facts snapshot evaluated with `dockcis audit --facts --only ID`."""
import json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from case_snapshots import snapshot_of  # noqa: E402

dockcis = os.environ["DOCKCIS"]
spec = json.load(open(sys.argv[1]))
base = spec["base"]



def setting_differences(name, expected, found):
    """Where a daemon option's sources differ from the case's: each named field,
    and the sources as [source, where, value, status] in order."""
    if found is None:
        return ["%s: no setting in the result" % name]
    out = ["%s: setting %s is %r, expected %r" % (name, key, found.get(key), value)
           for key, value in expected.items() if key != "sources" and found.get(key) != value]
    status = lambda s: ", ".join(w for w, on in (("decides", s["decides"]), ("disagrees", s["disagrees"])) if on)
    sources = [[s["source"], s["where"], s["value"], status(s)] for s in found["sources"]]
    if "sources" in expected and sources != expected["sources"]:
        out.append("%s: sources %r, expected %r" % (name, sources, expected["sources"]))
    return out


failures, count = [], 0
with tempfile.TemporaryDirectory() as work:
    for case in spec["cases"]:
        snapshot = snapshot_of(base, case)
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
        for part in case.get("reason_has", []):
            if part not in result["reason"]:
                failures.append("%s (%s): the reason does not say %r: %s" % (case["id"], case["why"], part, result["reason"]))
        if "setting" in case:
            failures += setting_differences("%s (%s)" % (case["id"], case["why"]), case["setting"], result.get("setting"))
for f in failures:
    print("FAIL:", f)
if failures:
    sys.exit(1)
print("ok: %d cases" % count)
