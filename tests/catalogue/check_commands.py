#!/usr/bin/python3
"""The "Check:" commands of the catalogue's remediations that ask the running
engine (docker info/version/network inspect --format ...) run against a real
engine and print something: a Go template naming a field the Engine API does
not have fails here. Read-only; skipped (77) when no engine answers."""
import glob, json, os, re, shlex, subprocess, sys

source = os.environ["SOURCE_DIR"]
if subprocess.run(["docker", "version"], capture_output=True, timeout=30).returncode != 0:
    print("SKIP: no Docker engine answers")
    sys.exit(77)

commands = []
for path in sorted(glob.glob(os.path.join(source, "checks", "*.json"))):
    for check in json.load(open(path)).get("checks", []):
        found = re.search(r"Check: (docker (?:info|version|network inspect) [^(]*?)(?: \(|$)", check.get("remediation", ""))
        if found:
            commands.append((check["key"], found.group(1).strip()))

failures = []
for key, command in commands:
    run = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=60)
    if run.returncode != 0 or not run.stdout.strip():
        failures.append("%s: '%s' exit %d: %s" % (key, command, run.returncode, (run.stderr or run.stdout).strip()[:200]))
    else:
        print("ok: %s: %s -> %s" % (key, command, run.stdout.strip()[:80]))
for failure in failures:
    print("FAIL:", failure)
if len(commands) < 8:
    print("FAIL: only %d engine check commands found in the catalogue" % len(commands))
    sys.exit(1)
sys.exit(1 if failures else 0)
