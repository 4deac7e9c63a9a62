#!/usr/bin/python3
"""Recomputes a fleet report's figures from the host reports it was built
from, without dockcis: fleet score, per-host scores and sections, failing
checks and their containers, regressions, stale hosts, waivers, versions,
trend; and checks that the CSV carries the same tables as the JSON.
Usage: check_fleet.py FLEET.json FLEET.csv REPORT.json..."""
import collections, csv, datetime, io, json, sys

fleet = json.load(open(sys.argv[1]))
csv_text = open(sys.argv[2], newline="").read()
reports = [json.load(open(path)) for path in sys.argv[3:]]
failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


def near(a, b):
    return abs(a - b) < 0.01


def parse_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def host_key(report):
    return (report["host"]["hostname"], report["host"]["machine_id"])


as_of = parse_time(fleet["filter"]["as_of"])
stale_after = fleet["filter"]["stale_after_days"]
by_host = collections.defaultdict(list)
for report in reports:
    by_host[host_key(report)].append(report)
for runs in by_host.values():
    runs.sort(key=lambda r: (r["started_at"]))
newest = {key: runs[-1] for key, runs in by_host.items()}
previous = {key: runs[-2] for key, runs in by_host.items() if len(runs) > 1}

# Hosts: one row each, with its newest run's numbers.
rows = {(h["host"], h["machine_id"]): h for h in fleet["hosts"]}
expect(set(rows) == set(newest), "hosts %s, expected %s" % (sorted(rows), sorted(newest)))
total = collections.Counter()
for key, report in newest.items():
    row = rows.get(key)
    if row is None:
        continue
    scored = report["summary"]["scored"]
    total.update({"pass": scored["pass"], "fail": scored["fail"], "error": scored["error"]})
    expect(row["run_id"] == report["run_id"], "%s: newest run %s, expected %s" % (key[0], row["run_id"], report["run_id"]))
    expect(near(row["score"], report["summary"]["score"]), "%s: score %s, expected %s" % (key[0], row["score"], report["summary"]["score"]))
    expect((row["pass"], row["fail"], row["error"]) == (scored["pass"], scored["fail"], scored["error"]), "%s: tallies differ" % key[0])
    expect(row["profile"] == report["profile"]["id"] and row["tool_version"] == report["tool"]["version"], "%s: profile or tool" % key[0])
    for section, tally in report["summary"]["sections"].items():
        mine = row["sections"].get(section)
        expect(mine is not None and (mine["pass"], mine["fail"], mine["error"]) == (tally["pass"], tally["fail"], tally["error"]),
               "%s: section %s is %s, expected %s" % (key[0], section, mine, tally))
    age = as_of - parse_time(report["started_at"])
    expect(row["stale"] == (age > datetime.timedelta(days=stale_after)), "%s: stale is %s for a run %s old" % (key[0], row["stale"], age))
    if key in previous:
        expect(near(row["previous_score"], previous[key]["summary"]["score"]), "%s: previous score" % key[0])

scored = total["pass"] + total["fail"] + total["error"]
expect((fleet["fleet"]["pass"], fleet["fleet"]["fail"], fleet["fleet"]["error"]) == (total["pass"], total["fail"], total["error"]),
       "fleet tallies %s, expected %s" % (fleet["fleet"], dict(total)))
expect(near(fleet["fleet"]["score"], 100.0 * total["pass"] / scored), "fleet score %s" % fleet["fleet"]["score"])
expect(fleet["fleet"]["hosts"] == len(newest), "fleet host count")
expect(fleet["fleet"]["runs_in_window"] == len(reports), "runs in window %s, expected %s" % (fleet["fleet"]["runs_in_window"], len(reports)))
expect([h["host"] for h in fleet["stale_hosts"]] == sorted(k[0] for k, r in newest.items()
                                                          if as_of - parse_time(r["started_at"]) > datetime.timedelta(days=stale_after)),
       "stale hosts %s" % fleet["stale_hosts"])

# Failing checks: hosts whose newest run fails or errs on it, and the failing containers.
expected_checks = {}
for key, report in newest.items():
    for result in report["results"]:
        entry = expected_checks.setdefault(result["key"], collections.Counter())
        entry[result["state"]] += 1
        entry["containers"] += sum(1 for i in result.get("instances", []) if i["state"] == "fail")
listed = {c["key"]: c for c in fleet["failing_checks"]}
for check_key, counts in expected_checks.items():
    if counts["fail"] + counts["error"] == 0:
        expect(check_key not in listed, "%s listed as failing" % check_key)
        continue
    row = listed.get(check_key)
    expect(row is not None, "%s fails on %d hosts but is not listed" % (check_key, counts["fail"]))
    if row is None:
        continue
    expect(row["hosts_failing"] == counts["fail"], "%s: %s hosts failing, expected %s" % (check_key, row["hosts_failing"], counts["fail"]))
    expect(row["hosts_error"] == counts["error"], "%s: errors" % check_key)
    expect(row["hosts_evaluated"] == counts["pass"] + counts["fail"] + counts["error"], "%s: evaluated" % check_key)
    expect(row["containers_failing"] == counts["containers"], "%s: %s failing containers, expected %s" % (check_key, row["containers_failing"], counts["containers"]))
ordered = [c["hosts_failing"] + c["hosts_error"] for c in fleet["failing_checks"]]
expect(ordered == sorted(ordered, reverse=True), "failing checks are not sorted by hosts")

# Regressions: newly failing or erroring since the host's previous run.
bad = {"fail", "error"}
for key, before in previous.items():
    old = {r["key"]: r for r in before["results"]}
    newly = sorted(r["key"] for r in newest[key]["results"]
                   if r["state"] in bad and r["key"] in old and (old[r["key"]]["state"] not in bad or
                   sum(i["state"] == "fail" for i in r.get("instances", [])) > sum(i["state"] == "fail" for i in old[r["key"]].get("instances", []))))
    listed = [g for g in fleet["regressions"] if g["host"] == key[0]]
    got = sorted(c["key"] for g in listed for c in g["changes"])
    expect(got == newly, "%s: regressions %s, expected %s" % (key[0], got, newly))
    expect(bool(newly), "the test fleet should have a regression on %s" % key[0])

# Waivers: expired, or expiring within the window, on each host's newest run.
window = fleet["filter"]["waiver_window_days"]
expected_waivers = set()
for key, report in newest.items():
    for waiver in report.get("waivers", []):
        if waiver["expires"] == "never":
            continue
        days = (datetime.datetime.strptime(waiver["expires"], "%Y-%m-%d").date() - as_of.date()).days
        if waiver["status"] == "expired" or days < 0 or days <= window:
            expected_waivers.add((key[0], waiver["id"], days))
got_waivers = {(w["host"], w["id"], w["days_left"]) for w in fleet["waivers"]}
expect(got_waivers == expected_waivers, "waivers %s, expected %s" % (got_waivers, expected_waivers))
expect(any(w["expired"] for w in fleet["waivers"]) and any(not w["expired"] for w in fleet["waivers"]), "expected an expired and an expiring waiver")

# Versions.
for kind, field in (("docker", lambda r: r["host"].get("docker_version") or "unknown"), ("benchmark", lambda r: r["profile"]["id"]),
                    ("tool", lambda r: r["tool"]["version"])):
    counted = collections.Counter(field(r) for r in newest.values())
    got = {v["version"]: v["hosts"] for v in fleet["versions"] if v["kind"] == kind}
    expect(got == dict(counted), "%s versions %s, expected %s" % (kind, got, dict(counted)))

# Trend: per UTC day, each host's newest run of that day, summed.
days = collections.defaultdict(dict)
for report in reports:
    day = report["started_at"][:10]
    current = days[day].get(host_key(report))
    if current is None or current["started_at"] < report["started_at"]:
        days[day][host_key(report)] = report
expected_trend = []
for day in sorted(days):
    tally = collections.Counter()
    for report in days[day].values():
        tally.update({k: report["summary"]["scored"][k] for k in ("pass", "fail", "error")})
    expected_trend.append((day, len(days[day]), tally["pass"], tally["fail"], tally["error"]))
got_trend = [(p["date"], p["hosts"], p["pass"], p["fail"], p["error"]) for p in fleet["trend"]]
expect(got_trend == expected_trend, "trend %s, expected %s" % (got_trend, expected_trend))

# The CSV carries the same tables.
tables = collections.defaultdict(list)
for block in csv_text.split("\r\n\r\n"):
    lines = list(csv.reader(io.StringIO(block)))
    if not lines or not lines[0]:
        continue
    header = lines[0]
    for line in lines[1:]:
        if line:
            tables[line[0]].append(dict(zip(header[1:], line[1:])))
expect(len(tables["hosts"]) == len(fleet["hosts"]), "CSV hosts table has %d rows" % len(tables["hosts"]))
for row, host in zip(tables["hosts"], fleet["hosts"]):
    expect(row["host"] == host["host"] and near(float(row["score"]), host["score"]), "CSV host row %s differs from %s" % (row, host["host"]))
expect([(r["key"], int(r["hosts_failing"])) for r in tables["failing_checks"]] ==
       [(c["key"], c["hosts_failing"]) for c in fleet["failing_checks"]], "CSV failing checks differ")
expect(len(tables["trend"]) == len(fleet["trend"]), "CSV trend differs")
expect(len(tables["waivers"]) == len(fleet["waivers"]), "CSV waivers differ")
expect(sum(len(d["results"]) for d in fleet["details"]) == len(tables["results"]), "CSV results differ")
expect(int(tables["fleet"][0]["pass"]) == total["pass"], "CSV fleet row differs")

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: %d hosts, %d runs, %d failing checks, %d regressions, %d waivers: every figure matches the host reports"
      % (len(newest), len(reports), len(fleet["failing_checks"]), len(fleet["regressions"]), len(fleet["waivers"])))
