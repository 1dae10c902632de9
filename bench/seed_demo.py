"""Seeding speed: demo meetings per second, with their first history records.

    python bench/seed_demo.py [--meetings 20000] [--database-url URL]

Runs on a fresh SQLite file in a temporary folder unless --database-url (or BENCH_DATABASE_URL)
names another database, which it migrates and fills (and empties of demo meetings first).
Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_database import bench_database  # noqa: E402 - beside this script, read after the path


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=20000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    return parser.parse_args()


def main():
    args = parse_args()
    with bench_database(args.database_url):
        from django.db import connection
        from django.utils import timezone

        from meetings import demo
        from meetings.models import Meeting

        demo.delete_demo_meetings()
        started = time.perf_counter()
        created = demo.create_meetings(args.meetings, today=timezone.localdate())
        seconds = time.perf_counter() - started
        records = Meeting.history.filter(slug__startswith=demo.DEMO_SLUG_PREFIX).count()
        print(f"{created} demo meetings on {connection.vendor}: {seconds:6.2f} s, "
              f"{created / seconds:8.0f} meetings/s, {records} history records")


if __name__ == "__main__":
    main()
