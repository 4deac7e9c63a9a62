#!/usr/bin/python3
"""Makes realistic dockcis.report/v2 documents for a fleet, varied from real
reports that dockcis wrote (the templates): per host a name, machine id,
group, Docker version, benchmark profile, its own containers and its own
set of checks that fail or pass; per night a few checks that break or get
fixed, and the evidence, texts and sizes of the real reports.
Used by bench.py; importable, or: generate.py TEMPLATE.json... --hosts N --night K --out DIR"""
import argparse, datetime, hashlib, json, os, random

GROUPS = ["web", "db", "batch", "edge", "ci"]
DOCKER_VERSIONS = ["24.0.9", "25.0.5", "26.1.5", "27.3.1", "28.2.2"]
STATES_SCORED = ("pass", "fail", "error")


def run_id(host, night):
    digest = hashlib.sha256(("%d/%d" % (host, night)).encode()).hexdigest()
    return "%s-%s-4%s-8%s-%s" % (digest[:8], digest[8:12], digest[13:16], digest[17:20], digest[20:32])


class Fleet:
    def __init__(self, templates, hosts, seed=7, start="2026-08-01"):
        # Kept as text: json.loads of it is a faster deep copy than copy.deepcopy.
        self.templates = [open(t).read() for t in templates]
        parsed = [json.loads(t) for t in self.templates]
        self.hosts = hosts
        self.start = datetime.datetime.strptime(start, "%Y-%m-%d")
        self.seed = seed
        self.profiles = []
        for host in range(hosts):
            rng = random.Random(seed * 100003 + host)
            template = rng.randrange(len(self.templates))
            keys = [r["key"] for r in parsed[template]["results"] if r["state"] in STATES_SCORED]
            self.profiles.append({
                "template": template,
                "group": GROUPS[host % len(GROUPS)],
                "docker": rng.choice(DOCKER_VERSIONS),
                "fixed": set(rng.sample(keys, k=min(len(keys), rng.randrange(0, 25)))),
                "broken": set(rng.sample(keys, k=min(len(keys), rng.randrange(0, 6)))),
                "silent_from": 84 if rng.random() < 0.02 else None,
                "offset": rng.randrange(0, 3600),
                "waiver_days": rng.randrange(-10, 60) if rng.random() < 0.1 else None,
            })

    def report(self, host, night):
        """The report of `host` on `night` (0-based), or None when the host did not report."""
        profile = self.profiles[host]
        if profile["silent_from"] is not None and night >= profile["silent_from"]:
            return None
        rng = random.Random(self.seed * 1000003 + host * 1009 + night)
        report = json.loads(self.templates[profile["template"]])
        name = "%s-%04d" % (profile["group"], host)
        report["run_id"] = run_id(host, night)
        when = self.start + datetime.timedelta(days=night, seconds=2 * 3600 + profile["offset"])
        report["started_at"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        report["finished_at"] = (when + datetime.timedelta(seconds=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
        report["host"]["hostname"] = name
        report["host"]["machine_id"] = hashlib.md5(name.encode()).hexdigest()
        report["host"]["docker_version"] = profile["docker"]
        report["host"]["group"] = profile["group"]
        for subject in report.get("subjects", []):
            subject["name"] = "%s-%s" % (name, subject["name"])
        drift = {r["key"] for r in report["results"] if r["state"] in STATES_SCORED and rng.random() < 0.01}
        for result in report["results"]:
            state = result["state"]
            if state in STATES_SCORED:
                if result["key"] in profile["fixed"]:
                    state = "pass"
                if result["key"] in profile["broken"] or result["key"] in drift:
                    state = "fail" if state == "pass" else "pass"
                result["state"] = state
            for instance in result.get("instances", []):
                if instance["state"] in ("pass", "fail") and result["state"] in ("pass", "fail"):
                    instance["state"] = result["state"] if rng.random() < 0.7 else instance["state"]
        self._waivers(report, profile, night)
        self._summarise(report)
        return report

    def _waivers(self, report, profile, night):
        if profile["waiver_days"] is None:
            return
        failing = [r for r in report["results"] if r["state"] == "fail" and not r.get("instances")]
        if not failing:
            return
        result = failing[0]
        expires = self.start + datetime.timedelta(days=90 + profile["waiver_days"])
        expired = expires < self.start + datetime.timedelta(days=night)
        report["waivers"] = [{"id": "W-%s" % result["key"], "check": result["key"], "status": "expired" if expired else "applied",
                              "justification": "accepted while the service is migrated", "approver": "secteam",
                              "ticket": "SEC-%s" % hashlib.md5(result["key"].encode()).hexdigest()[:4], "expires": expires.strftime("%Y-%m-%d"),
                              "applied_to": 0 if expired else 1}]
        if not expired:
            result["original_state"] = "fail"
            result["state"] = "waived"
            result["waiver"] = report["waivers"][0]["id"]

    @staticmethod
    def _summarise(report):
        """The summary as dockcis scores it (engine/score.cpp): fleet ingest holds a report's summary to its results."""
        def tally():
            return {"pass": 0, "fail": 0, "error": 0}

        def percent(counted):
            scored = counted["pass"] + counted["fail"] + counted["error"]
            return round(100.0 * counted["pass"] / scored, 2) if scored else 100.0

        counts = {s: 0 for s in ("pass", "fail", "error", "notapplicable", "manual", "notselected", "info", "waived")}
        total, before = tally(), tally()
        sections, levels = {}, {}
        for result in report["results"]:
            state = result["state"]
            counts[state] += 1
            for counted, as_state in ((total, state), (before, result.get("original_state", state))):
                if as_state in counted:
                    counted[as_state] += 1
            if state == "notselected":
                continue
            for counted in (sections.setdefault(result["section"], tally()), levels.setdefault(str(result["level"]), tally())):
                if state in counted:
                    counted[state] += 1
        for counted in list(sections.values()) + list(levels.values()):
            counted["percent"] = percent(counted)
        summary = report["summary"]
        summary["counts"] = counts
        summary["score"] = percent(total)
        summary["score_before_waivers"] = percent(before)
        summary["scored"] = dict(total, percent=percent(total))
        summary["sections"] = sections
        summary["levels"] = levels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("templates", nargs="+")
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--night", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    fleet = Fleet(args.templates, args.hosts)
    os.makedirs(args.out, exist_ok=True)
    for host in range(args.hosts):
        report = fleet.report(host, args.night)
        if report is not None:
            with open(os.path.join(args.out, "%s.json" % report["run_id"]), "w") as f:
                json.dump(report, f, sort_keys=True)


if __name__ == "__main__":
    main()
