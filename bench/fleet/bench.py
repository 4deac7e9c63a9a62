#!/usr/bin/python3
"""Fleet store benchmark: makes reports for HOSTS hosts x NIGHTS nightly runs
(generate.py, varied from real dockcis reports), ingests them night by night
into an SQLite store (and into PostgreSQL with --pg-url), then builds the
fleet report of the newest runs. Prints ingest rate, report time, peak
memory and store size per run; generation time is not counted.
Usage: bench.py --dockcis build/src/dockcis --facts FACTS [--hosts 1000] [--nights 90]
                [--pg-url URL --pg-nights N] [--workdir DIR]"""
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


def ingest_nights(args, fleet, db, nights, work):
    total_seconds, total_reports, peak = 0.0, 0, 0.0
    for night in range(nights):
        night_dir = os.path.join(work, "night")
        shutil.rmtree(night_dir, ignore_errors=True)
        os.makedirs(night_dir)
        for host in range(args.hosts):
            report = fleet.report(host, night)
            if report is not None:
                with open(os.path.join(night_dir, report["run_id"] + ".json"), "w") as f:
                    json.dump(report, f, indent=2, sort_keys=True)
                total_reports += 1
        seconds, rss = timed([args.dockcis, "fleet", "ingest", "--quiet", "--db", db, night_dir])
        total_seconds += seconds
        peak = max(peak, rss)
        if night % 10 == 9 or night == nights - 1:
            print("  night %d: %d reports in %.1f s of ingest (%.0f reports/s)" % (night + 1, total_reports, total_seconds,
                                                                                     total_reports / total_seconds), flush=True)
    shutil.rmtree(os.path.join(work, "night"), ignore_errors=True)
    return {"reports": total_reports, "seconds": round(total_seconds, 1), "reports_per_second": round(total_reports / total_seconds, 1),
            "peak_rss_mib": round(peak, 1)}


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
    parser.add_argument("--pg-nights", type=int, default=10)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    work = args.workdir or tempfile.mkdtemp(prefix="dockcis-fleet-bench-")
    os.makedirs(work, exist_ok=True)
    templates = []
    for profile in ("cis-docker-1.6.0", "cis-docker-1.7.0", "cis-docker-1.8.0"):
        path = os.path.join(work, profile + ".json")
        subprocess.run([args.dockcis, "audit", "--facts", args.facts, "--profile", profile, "-o", "json=" + path], check=False)
        templates.append(path)
    fleet = Fleet(templates, args.hosts)
    as_of = (fleet.start.replace(hour=12) + datetime.timedelta(days=args.nights - 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    results = {"hosts": args.hosts, "nights": args.nights, "template_bytes": [os.path.getsize(t) for t in templates]}

    db = os.path.join(work, "fleet.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    print("SQLite: ingesting %d hosts x %d nights" % (args.hosts, args.nights), flush=True)
    results["sqlite_ingest"] = ingest_nights(args, fleet, db, args.nights, work)
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
        print("PostgreSQL: ingesting %d hosts x %d nights" % (args.hosts, args.pg_nights), flush=True)
        results["postgres_ingest"] = ingest_nights(args, fleet, args.pg_url, args.pg_nights, work)
        size = subprocess.run(["psql", args.pg_url, "-At", "-c", "SELECT pg_database_size(current_database()), (SELECT COUNT(*) FROM runs)"],
                              capture_output=True, text=True, check=True).stdout.strip().split("|")
        results["postgres_store"] = {"runs": int(size[1]), "bytes": int(size[0]), "bytes_per_run": round(int(size[0]) / int(size[1]))}
        pg_as_of = (fleet.start.replace(hour=12) + datetime.timedelta(days=args.pg_nights - 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        results["postgres_report"] = report_figures(args, args.pg_url, work, pg_as_of)
    print(json.dumps(results, indent=2))
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
