"""How long a peer coach's My area takes with many meetings: p50/p95 of the page and of the
worklist alone, on PostgreSQL.

    python bench/my_area.py [--meetings 100000] [--stale 2000] [--requests 60] [--database-url URL]

Fills its own database (village_area_bench by default) as bench/search.py fills its own, then
gives a coach an area (25 km around Pittsburgh) and makes exactly `--stale` of the in-person
listings there stale (never checked, or checked over a year ago) and the rest fresh. Prints
figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/village_area_bench"
CENTRE = (40.4406, -79.9959)  # Pittsburgh
RADIUS_KM = 25
COACH_EMAIL = "bench-coach@example.org"


def bench_search():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--stale", type=int, default=2_000, help="stale listings in the area")
    parser.add_argument("--requests", type=int, default=60, help="timed page loads")
    parser.add_argument("--database-url", default=os.environ.get("AREA_BENCH_DATABASE_URL",
                                                                 DEFAULT_DATABASE_URL))
    return parser.parse_args()


def place_stale_listings(stale: int):
    """Move in-person listings into the area until it holds `stale` stale ones, and make every
    other listing in the area fresh; the same listings each run (chosen by id)."""
    from django.db import connection
    from django.utils import timezone

    from meetings.models import MET_IN_PERSON, Meeting, Status
    from places.geometry import bounding_box

    box = bounding_box(*CENTRE, RADIUS_KM)
    table = Meeting._meta.db_table
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last_verified = %s WHERE latitude BETWEEN %s AND %s "
                       "AND longitude BETWEEN %s AND %s", [today, box.south, box.north, box.west, box.east])
        ids = list(Meeting.objects.filter(status=Status.PUBLISHED, attendance__in=list(MET_IN_PERSON),
                                          latitude__isnull=False)
                   .order_by("pk").values_list("pk", flat=True)[:stale])
        # Within ~18 km of the centre, each at its own spot; half never checked.
        cursor.execute(f"""
            UPDATE {table} SET latitude = %s + ((id * 31) %% 200 - 100) / 800.0,
                               longitude = %s + ((id * 37) %% 200 - 100) / 600.0,
                               last_verified = CASE WHEN id %% 2 = 0 THEN NULL
                                                    ELSE %s::date - CAST(400 + id %% 300 AS integer) END
            WHERE id = ANY(%s)""", [CENTRE[0], CENTRE[1], today, ids])
        cursor.execute("ANALYZE")


def main():
    args = parse_args()
    search = bench_search()
    search.production_settings(args.database_url)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.models import CoachProfile
    from accounts.roles import Role, set_role
    from curation.area import area_worklist
    from meetings.models import Meeting

    search.fill(args.meetings, refill=False)
    place_stale_listings(args.stale)
    coach, _created = get_user_model().objects.get_or_create(username=COACH_EMAIL, email=COACH_EMAIL)
    set_role(coach, Role.COACH)
    profile = CoachProfile.objects.get(user=coach)
    profile.area_name, profile.radius_km, profile.timezone = "Pittsburgh, PA", RADIUS_KM, ""
    profile.latitude, profile.longitude = CENTRE
    profile.save()

    worklist = area_worklist(profile)
    client = Client()
    client.force_login(coach)

    def page(n):
        response = client.get("/en/coach/area/", {"page": str(n % 5 + 1)})
        assert response.status_code == 200, response.status_code

    search.timed(page, 5)  # warm caches and connections
    pages = search.timed(page, args.requests)
    worklists = search.timed(lambda n: area_worklist(profile), args.requests)
    print(f"{Meeting.objects.count():,} meetings; the area holds {len(worklist.to_check):,} "
          f"listings to check ({worklist.never_checked:,} never checked)")
    print(f"page      GET /en/coach/area/ ({args.requests} requests): {search.percentiles(pages)}")
    print(f"worklist  area_worklist       ({args.requests} calls):    {search.percentiles(worklists)}")


if __name__ == "__main__":
    main()
