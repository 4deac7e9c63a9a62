#!/usr/bin/python3
"""Fleet store benchmark: makes reports for HOSTS hosts x NIGHTS nightly runs
(generate.py, varied from real dockcis reports), ingests them night by night
into an SQLite store (and into PostgreSQL with --pg-url), then builds the
fleet report of the newest runs. Prints ingest rate, report time, peak
memory and store size per run; generation time is not counted.
Usage: bench.py --dockcis build/src/dockcis --facts FACTS [--hosts 1000] [--nights 90]
                [--pg-url URL] [--workdir DIR]"""
import argparse, datetime, json, os, shutil, sqlite3, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import Fleet  # noqa: E402


def timed(command):
    """Runs command; returns (seconds, peak RSS in MiB)."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed (%d): %s\n%s" % (os.waitstatus_to_exitcode(status), " ".join(command), process.stderr.read().decode()[-2000:]))
    return seconds, usage.ru_maxrss / 1024.0


def ingest_nights(args, fleet, targets, nights, work):
    """Generates each night's reports once and ingests them into every target store, timing only the ingests."""
    figures = {name: {"reports": 0, "seconds": 0.0, "peak_rss_mib": 0.0} for name in targets}
    night_dir = os.path.join(work, "night")
    for night in range(nights):
        shutil.rmtree(night_dir, ignore_errors=True)
        os.makedirs(night_dir)
        count = 0
        for host in range(args.hosts):
            report = fleet.report(host, night)
            if report is not None:
                # Compact JSON: Python's encoder is many times slower with indentation; the content is the same.
                with open(os.path.join(night_dir, report["run_id"] + ".json"), "w") as f:
                    json.dump(report, f, sort_keys=True)
                count += 1
        for name, db in targets.items():
            seconds, rss = timed([args.dockcis, "fleet", "ingest", "--quiet", "--db", db, night_dir])
            entry = figures[name]
            entry["reports"] += count
            entry["seconds"] += seconds
            entry["peak_rss_mib"] = max(entry["peak_rss_mib"], round(rss, 1))
        if night % 10 == 9 or night == nights - 1:
            print("  night %d: %s" % (night + 1, ", ".join("%s %d reports in %.1f s (%.0f/s)" % (n, e["reports"], e["seconds"], e["reports"] / e["seconds"])
                                                      for n, e in figures.items())), flush=True)
    shutil.rmtree(night_dir, ignore_errors=True)
    for entry in figures.values():
        entry["seconds"] = round(entry["seconds"], 1)
        entry["reports_per_second"] = round(entry["reports"] / entry["seconds"], 1)
    return figures


def report_figures(args, db, work, as_of):
    runs = []
    for _ in range(3):
        runs.append(timed([args.dockcis, "fleet", "report", "--db", db, "--as-of", as_of, "-o", "html=" + os.path.join(work, "fleet.html"),
                           "-o", "json=" + os.path.join(work, "fleet.json"), "-o", "csv=" + os.path.join(work, "fleet.csv")]))
    runs.sort()
    seconds, rss = runs[1]
    sizes = {f: os.path.getsize(os.path.join(work, f)) for f in ("fleet.html", "fleet.json", "fleet.csv")}
    return {"seconds_median_of_3": round(seconds, 2), "peak_rss_mib": round(max(r[1] for r in runs), 1),
            "output_bytes": sizes}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dockcis", required=True)
    parser.add_argument("--facts", required=True)
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--nights", type=int, default=90)
    parser.add_argument("--pg-url")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    work = args.workdir or tempfile.mkdtemp(prefix="dockcis-fleet-bench-")
    os.makedirs(work, exist_ok=True)
    templates = []
    for profile in ("cis-docker-1.6.0", "cis-docker-1.7.0", "cis-docker-1.8.0"):
        path = os.path.join(work, profile + ".json")
        subprocess.run([args.dockcis, "audit", "--facts", args.facts, "--profile", profile, "--checks-dir", "checks",
                        "--profiles-dir", "profiles", "-o", "json=" + path], check=False)
        templates.append(path)
    fleet = Fleet(templates, args.hosts)
    as_of = (fleet.start.replace(hour=12) + datetime.timedelta(days=args.nights - 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    results = {"hosts": args.hosts, "nights": args.nights, "template_bytes": [os.path.getsize(t) for t in templates]}

    db = os.path.join(work, "fleet.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    targets = {"sqlite": db}
    if args.pg_url:
        targets["postgres"] = args.pg_url
    empty_pg = 0
    if args.pg_url:
        empty_pg = int(subprocess.run(["psql", args.pg_url, "-At", "-c", "SELECT pg_database_size(current_database())"],
                                      capture_output=True, text=True, check=True).stdout.strip())
    print("ingesting %d hosts x %d nights into %s" % (args.hosts, args.nights, ", ".join(targets)), flush=True)
    ingest = ingest_nights(args, fleet, targets, args.nights, work)
    results["sqlite_ingest"] = ingest["sqlite"]
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = connection.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    rows = {t: connection.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0] for t in ("results", "instances", "scores", "waivers")}
    connection.close()
    size = os.path.getsize(db)
    results["sqlite_store"] = {"runs": stored, "rows": rows, "bytes": size, "bytes_per_run": round(size / stored)}
    results["sqlite_report"] = report_figures(args, db, work, as_of)
    print(json.dumps(results, indent=2), flush=True)
    if args.pg_url:
        results["postgres_ingest"] = ingest["postgres"]
        size = subprocess.run(["psql", args.pg_url, "-At", "-c", "SELECT pg_database_size(current_database()), (SELECT COUNT(*) FROM runs)"],
                              capture_output=True, text=True, check=True).stdout.strip().split("|")
        grown = int(size[0]) - empty_pg
        results["postgres_store"] = {"runs": int(size[1]), "bytes": int(size[0]), "bytes_of_an_empty_database": empty_pg,
                                     "bytes_per_run": round(grown / int(size[1]))}
        results["postgres_report"] = report_figures(args, args.pg_url, work, as_of)
    print(json.dumps(results, indent=2))
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
