"""BMLT import speed: a generated root server's answers read into records, then imported.

    python bench/bmlt_import.py [--meetings 3000] [--database-url URL]

Times reading the three answers into Meeting Guide records (feeds/bmlt.py, the part BMLT adds),
then a first import and an unchanged re-import of them through the importer every feed shares;
prints figures, asserts nothing. A fresh SQLite file unless --database-url (or
BENCH_DATABASE_URL) names another database.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_database import bench_database  # noqa: E402 - beside this script, read after the path

SEED = 2026
# (id, key, world id, type), as BMLT's own seeds give them.
FORMATS = [("4", "C", "CLOSED", "O"), ("7", "CS", "", "FC3"), ("9", "ES", "LANG", "LANG"),
           ("10", "GL", "GL", "FC3"), ("15", "M", "M", "FC3"), ("16", "NC", "NC", "FC3"),
           ("17", "O", "OPEN", "O"), ("18", "Pi", "", "FC1"), ("32", "W", "W", "FC3"),
           ("33", "WC", "WCHR", "FC2"), ("34", "YP", "Y", "FC3"), ("44", "CW", "CW", "FC3"),
           ("54", "VM", "VM", "FC2"), ("56", "HY", "HYBR", "FC2")]
ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", ""]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    return parser.parse_args()


def generated_server(count: int, rng: random.Random) -> dict:
    formats = [{"id": id_, "key_string": key, "world_id": world, "format_type_enum": kind,
                "name_string": key, "description_string": f"About {key}.", "lang": "en"}
               for id_, key, world, kind in FORMATS]
    bodies = [{"id": str(n), "parent_id": "0" if n == 1 else "1", "name": f"Area {n}",
               "type": "AS"} for n in range(1, 21)]
    meetings = []
    for n in range(count):
        chosen = rng.sample(FORMATS, rng.randrange(1, 5))
        venue = rng.choice("1112223")
        meetings.append({
            "id_bigint": str(n + 1), "service_body_bigint": str(rng.randrange(1, 21)),
            "weekday_tinyint": str(rng.randrange(1, 8)), "venue_type": venue,
            "start_time": rng.choice(["07:00:00", "12:00:00", "19:30:00", "20:00:00"]),
            "duration_time": rng.choice(["01:00:00", "01:30:00", ""]),
            "time_zone": rng.choice(ZONES),
            "formats": ",".join(key for _, key, _, _ in chosen),
            "format_shared_id_list": ",".join(id_ for id_, _, _, _ in chosen),
            "latitude": str(40 + rng.random()) if n % 5 else "",
            "longitude": str(-80 + rng.random()) if n % 5 else "",
            "published": "0" if n % 50 == 0 else "1",
            "meeting_name": f"Group {n}", "location_text": f"Hall {n % 400}",
            "location_street": f"{n} Main St", "location_municipality": "Pittsburgh",
            "location_province": "PA", "location_postal_code_1": "15222",
            "comments": "Side door." if n % 3 else "",
            "virtual_meeting_link": f"zoom.us/j/{1000000 + n}" if venue != "1" else "",
            "phone_meeting_number": "",
        })
    return {"GetSearchResults": meetings, "GetFormats": formats, "GetServiceBodies": bodies}


def main():
    args = parse_args()
    with bench_database(args.database_url):
        from django.db import connection

        from feeds.bmlt import read_server
        from feeds.importing import import_records
        from feeds.models import FeedFormat, FeedSource

        answers = generated_server(args.meetings, random.Random(SEED))
        print(f"{args.meetings} BMLT meetings on {connection.vendor}")
        started = time.perf_counter()
        records = read_server("bench.json", lambda _: answers)
        seconds = time.perf_counter() - started
        print(f"{'reading the answers':<34} {seconds:6.2f} s  {len(records) / seconds:8.0f} "
              f"records/s")
        source, _ = FeedSource.objects.get_or_create(
            location="bench://bmlt", defaults={"name": "Generated BMLT server", "fellowship": "na",
                                               "format": FeedFormat.BMLT,
                                               "default_timezone": "America/New_York"})
        for label in ("first import", "re-import, unchanged"):
            started = time.perf_counter()
            summary = import_records(source, records, geocode=False)
            seconds = time.perf_counter() - started
            print(f"{label:<34} {seconds:6.2f} s  {len(records) / seconds:8.0f} records/s   "
                  f"{summary.created} created, {summary.unchanged} unchanged, "
                  f"{len(summary.skipped)} skipped")


if __name__ == "__main__":
    main()
