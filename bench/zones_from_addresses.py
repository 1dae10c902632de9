"""Zones from addresses: how fast a feed of meetings abroad with neither coordinates nor zones
is read and imported, each meeting's zone and city found offline from its address.

    python bench/zones_from_addresses.py [--meetings 20000] [--database-url URL]

Runs on a fresh SQLite file in a temporary folder unless --database-url (or BENCH_DATABASE_URL)
names another database. Prints the gazetteer's time per address (cold, then the same addresses
again), records read per second, and a first import and an unchanged re-import per second;
asserts nothing.
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
# Where the streets are: cities and how their addresses close, as feeds write them.
CITIES = [
    "Edmonton, Alberta, T6E 4E8, Canada", "Toronto, ON M5V 3L9", "Toronto, ON M5V 3L9, CA",
    "London, ON N6A 1J3, Canada", "Vancouver, BC V6B 1A1", "Montréal, QC H2X 1Y4, Canada",
    "London SW1A 1AA", "Edinburgh EH1 1YZ, United Kingdom", "Manchester M1 1AE, UK",
    "Cardiff, Wales", "Sydney NSW 2000, Australia", "Melbourne VIC 3000", "Perth WA 6000",
    "Guadalajara, Jalisco, México", "06700 Ciudad de México, CDMX, Mexico",
    "Guadalupe, Nuevo León, México", "Pittsburgh, PA 15222, USA", "Pittsburgh, PA",
    "Sussex County, DE, USA", "Little Snoring, Norfolk NR21 0AA",
]


def generated_feed(count: int, rng: random.Random) -> list[dict]:
    return [{"name": f"Group {n}", "slug": f"group-{n}", "day": n % 7, "time": "19:30",
             "types": ["O"], "formatted_address": f"{n} {rng.choice(['Main', 'High', 'King'])} "
                                                  f"St, {rng.choice(CITIES)}"}
            for n in range(count)]


def timed(label: str, count: int, run, unit="records"):
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    print(f"{label:<40} {seconds:6.2f} s  {count / seconds:9.0f} {unit}/s")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=20000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    with bench_database(args.database_url):
        from django.db import connection

        from feeds.importing import import_records
        from feeds.models import FeedSource
        from feeds.records import parse_records
        from feeds.type_codes import code_set
        from places.geocoding import gazetteer, place_of_address, world

        records = generated_feed(args.meetings, random.Random(SEED))
        addresses = [record["formatted_address"] for record in records]
        started = time.perf_counter()
        gazetteer(), world()
        print(f"{'gazetteer and world cities loaded':<40} {time.perf_counter() - started:6.2f} s")
        timed("place_of_address, each address new", len(addresses),
              lambda: [place_of_address(address) for address in addresses], "addresses")
        timed("place_of_address, the same again", len(addresses),
              lambda: [place_of_address(address) for address in addresses], "addresses")
        parsed = timed("parse_records, no source zone", len(records),
                       lambda: parse_records(records, code_set=code_set("aa")))
        placed = sum(meeting.near is not None for meeting in parsed.meetings)
        print(f"{len(parsed.meetings)} read ({placed} placed at their city), "
              f"{len(parsed.skipped)} skipped")
        source = FeedSource.objects.create(name="Generated feed abroad",
                                           location="bench://abroad", default_timezone="")
        print(f"{len(records)} records on {connection.vendor}")
        timed("first import", len(records), lambda: import_records(source, records, geocode=False))
        timed("re-import, unchanged", len(records),
              lambda: import_records(source, records, geocode=False))


if __name__ == "__main__":
    main()
