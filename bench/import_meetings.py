"""Import speed: records per second for a generated Meeting Guide feed of 20,000 records.

    python bench/import_meetings.py [--records 20000] [--database-url URL ...] [--profile FILE]

Runs on a fresh SQLite file in a temporary folder unless --database-url (or BENCH_DATABASE_URL)
names another database, which it migrates and fills (emptied of an earlier run's generated
meetings first). Give --database-url more than once, with `sqlite` for the temporary file, to
measure each database in turn: `--database-url sqlite --database-url postgres://…`.
Measures a first import, a re-import of the unchanged feed, and one with a tenth of the
records changed and a twentieth gone; prints figures, asserts nothing. --profile writes a
cProfile of the three imports to FILE (one per database, suffixed with its vendor).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_database import bench_database  # noqa: E402 - beside this script, read after the path

SEED = 2026
TYPES = ["O", "C", "D", "B", "ST", "BE", "SP", "CF", "BA", "W", "M", "LGBTQ", "S", "X", "Y", "TC",
         "ONL", "POC", "12x12", "LIT", "ZZ"]
ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
SOURCE_LOCATION = "bench://generated"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--database-url", action="append", dest="database_urls",
                        help="a database to measure on (`sqlite` for a temporary file); "
                             "more than one are measured in turn")
    parser.add_argument("--profile", help="write a cProfile of the imports to this file")
    args = parser.parse_args()
    if not args.database_urls:
        args.database_urls = [os.environ.get("BENCH_DATABASE_URL") or "sqlite"]
    return args


def generated_feed(count: int, rng: random.Random) -> list[dict]:
    """Records shaped like real intergroup feeds, in their messy variety."""
    records = []
    for n in range(count):
        record = {
            "name": f"Group {n}",
            "slug": f"group-{n}",
            "day": rng.choice([rng.randrange(7), [1, 3, 5]]) if n % 10 == 0 else rng.randrange(7),
            "time": rng.choice(["07:00", "12:00", "7:30 PM", "19:30", "6:00 pm", "20:00"]),
            "types": rng.sample(TYPES, rng.randrange(1, 5)),
            "location": f"Hall {n % 400}",
            "notes": "Side door." if n % 3 else "",
            "updated": "2026-09-01 12:00:00",
        }
        if rng.random() < 0.6:
            record["end_time"] = "21:00" if record["time"] in ("19:30", "20:00") else "13:00"
        if rng.random() < 0.7:
            record["timezone"] = rng.choice(ZONES)
        if rng.random() < 0.25:
            record["conference_url"] = f"https://zoom.us/j/{1000000 + n}"
        if "TC" not in record["types"] or "conference_url" in record:
            record["formatted_address"] = f"{n} Main St, Pittsburgh, PA 15222, USA"
            latitude, longitude = 40 + rng.random(), -80 + rng.random()
            record["latitude"], record["longitude"] = (
                (str(latitude), str(longitude)) if n % 2 else (latitude, longitude))
        elif "conference_url" not in record:
            record["conference_phone"] = "+14125550100"
        records.append(record)
    return records


def timed(label: str, records: int, run):
    started = time.perf_counter()
    summary = run()
    seconds = time.perf_counter() - started
    print(f"{label:<34} {seconds:6.2f} s  {records / seconds:8.0f} records/s   "
          f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged, "
          f"{summary.archived} archived, {len(summary.skipped)} skipped", flush=True)
    return summary


def forget_earlier_run():
    """An earlier run's generated meetings and their history, so that the first import is one."""
    from feeds.models import FeedSource
    from meetings.models import Meeting

    for source in FeedSource.objects.filter(location=SOURCE_LOCATION):
        Meeting.history.filter(source_id=source.pk).delete()
        Meeting.objects.filter(source=source).delete()
        source.delete()


def measure(database_url: str | None, record_count: int, profile: str | None):
    with bench_database(database_url):
        from django.db import connection

        from feeds.importing import import_records
        from feeds.models import FeedSource

        forget_earlier_run()
        rng = random.Random(SEED)
        records = generated_feed(record_count, rng)
        source = FeedSource.objects.create(location=SOURCE_LOCATION, name="Generated feed",
                                           default_timezone="America/New_York")
        changed = [dict(record) for record in records[: len(records) - len(records) // 20]]
        for record in changed[::10]:
            record["time"] = "18:45"
        print(f"{len(records)} records on {connection.vendor}", flush=True)
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        timed("first import", len(records), lambda: import_records(source, records, geocode=False))
        timed("re-import, unchanged", len(records),
              lambda: import_records(source, records, geocode=False))
        timed("re-import, 10% changed, 5% gone", len(records),
              lambda: import_records(source, changed, geocode=False))
        if profiler:
            profiler.disable()
            profiler.dump_stats(f"{profile}.{connection.vendor}")


def main():
    args = parse_args()
    if len(args.database_urls) == 1:
        url = args.database_urls[0]
        measure(None if url == "sqlite" else url, args.records, args.profile)
        return
    # Django is set up once per process, on one database: each gets a process of its own.
    for url in args.database_urls:
        command = [sys.executable, __file__, "--records", str(args.records), "--database-url", url]
        if args.profile:
            command += ["--profile", args.profile]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
