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
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=20000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    return parser.parse_args()


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        from meetings import demo
        from meetings.models import Meeting

        call_command("migrate", verbosity=0)
        demo.delete_demo_meetings()
        started = time.perf_counter()
        created = demo.create_meetings(args.meetings, today=timezone.localdate())
        seconds = time.perf_counter() - started
        records = Meeting.history.filter(slug__startswith=demo.DEMO_SLUG_PREFIX).count()
        print(f"{created} demo meetings on {connection.vendor}: {seconds:6.2f} s, "
              f"{created / seconds:8.0f} meetings/s, {records} history records")


if __name__ == "__main__":
    main()
