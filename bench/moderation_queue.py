"""How long the moderation queue takes with thousands waiting: p50/p95 of a queue page and its
size, for a moderator signed in through Django's test client.

    python bench/moderation_queue.py [--pending 2000] [--meetings 1000] [--requests 40]
                                     [--database-url URL]

Runs on a fresh SQLite file in a temporary folder unless --database-url (or BENCH_DATABASE_URL)
names another database (such as postgres://postgres@127.0.0.1:5432/village_queue_bench), which
it makes if missing, migrates and refills. The waiting submissions are a mix of kinds as a
busy week has them: change requests (a few fields each) and closure reports against real
meetings, and suggestions of new ones; a few import conflicts are open too. Production
settings (DEBUG off). The target is under 300 ms and 100 KB a page. Prints figures, asserts
nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 2026
MODERATOR_EMAIL = "bench-moderator@example.org"
# Of the waiting submissions: change requests, suggestions, closure reports.
MIX = {"change": 0.5, "new": 0.35, "closure": 0.15}
CONFLICTS = 40
CHANGES = [("start_time", ["18:30", "19:30", "07:00", "12:15"]),
           ("children", ["welcome", "childcare", "not_suitable"]),
           ("notes", ["Use the side door by the parking lot; the front is locked after 7.",
                      "Childcare in room 4, ask at the desk."]),
           ("focus", [["mothers"], ["fathers", "mothers"], []]),
           ("wheelchair_accessible", [True, False]),
           ("location_name", ["St. Paul's Hall", "Community Center, room B"])]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pending", type=int, default=2000, help="waiting submissions")
    parser.add_argument("--meetings", type=int, default=1000, help="published meetings")
    parser.add_argument("--requests", type=int, default=40, help="timed page loads per measure")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    return parser.parse_args()


def bench_search():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def settings_for(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def new_meeting_proposal(rng: random.Random, n: int) -> dict:
    return {
        "name": f"Suggested group {n}", "fellowship": rng.choice(["aa", "na"]),
        "weekday": rng.randrange(7), "start_time": rng.choice(["07:00", "12:00", "19:30"]),
        "end_time": "", "timezone": "America/New_York", "attendance": "in_person",
        "location_name": f"Hall {n % 90}", "address": f"{n} Liberty Ave, Pittsburgh, PA 15222",
        "latitude": 40.44 + rng.random() / 50, "longitude": -79.99 + rng.random() / 50,
        "conference_url": "", "conference_phone": "", "children": "welcome",
        "philosophy": "unknown", "medication_supportive": None, "focus": ["mothers"],
        "languages": ["en"], "wheelchair_accessible": None, "notes": "", "contact_email": "",
        "contact_phone": "", "contact_website": "", "location_approximate": False,
    }


def fill(pending: int, meetings: int):
    """Waiting submissions of each kind, their meetings and a few open import conflicts."""
    from django.core.management import call_command
    from django.utils import timezone

    from curation.models import Submission
    from feeds.models import FeedSource, ImportConflict
    from meetings.demo import create_meetings
    from meetings.listing import current_listing
    from meetings.models import Meeting

    call_command("migrate", verbosity=0)
    Submission.objects.all().delete()
    ImportConflict.objects.all().delete()
    if Meeting.objects.count() < meetings:
        create_meetings(meetings - Meeting.objects.count(), seed=SEED, today=timezone.localdate())
    rng = random.Random(SEED)
    targets = list(Meeting.objects.published().prefetch_related("focus", "languages")
                   .order_by("pk")[:meetings])
    listings = {meeting.pk: current_listing(meeting) for meeting in targets}
    rows = []
    for n in range(pending):
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        meeting = rng.choice(targets)
        if kind == "new":
            rows.append(Submission(kind=kind, proposed=new_meeting_proposal(rng, n), first_name="Sam",
                                   email=f"sender{n}@example.org", language="en"))
        elif kind == "closure":
            rows.append(Submission(kind=kind, meeting=meeting, proposed={}, language="en",
                                   message="The church told us the group stopped meeting."))
        else:
            listing = listings[meeting.pk]
            proposed = dict(listing)
            for name, values in rng.sample(CHANGES, rng.randrange(1, 4)):
                proposed[name] = rng.choice(values)
            rows.append(Submission(kind=kind, meeting=meeting, baseline=listing, proposed=proposed,
                                   language="en", message="I was there last week."))
    Submission.objects.bulk_create(rows, batch_size=500)
    source, _ = FeedSource.objects.get_or_create(
        location="bench://queue",
        defaults={"name": "Bench intergroup", "default_timezone": "America/New_York"})
    ImportConflict.objects.bulk_create([
        ImportConflict(meeting=meeting, source=source, field="start_time",
                       local_value=listings[meeting.pk]["start_time"], feed_value="19:15")
        for meeting in targets[:CONFLICTS]])


def moderator():
    from django.contrib.auth import get_user_model

    from accounts.models import CoachProfile
    from accounts.roles import Role, set_role

    person, _ = get_user_model().objects.get_or_create(username=MODERATOR_EMAIL, email=MODERATOR_EMAIL)
    set_role(person, Role.MODERATOR)
    CoachProfile.objects.filter(user=person).update(timezone="America/New_York")
    return person


def main():
    args = parse_args()
    search = bench_search()
    with tempfile.TemporaryDirectory() as folder:
        settings_for(args.database_url or f"sqlite:///{folder}/bench.sqlite3")
        if args.database_url:
            search.ensure_database(args.database_url)
        import django

        django.setup()
        from django.db import connection
        from django.test import Client

        from curation.models import Submission

        fill(args.pending, args.meetings)
        client = Client()
        client.force_login(moderator())
        sizes, cpu = {}, {}

        def measure(label, params):
            def load(n):
                # CPU time too: on a shared machine the clock also counts other processes' turns.
                started = time.process_time()
                response = client.get("/en/moderate/", params(n))
                cpu.setdefault(label, []).append((time.process_time() - started) * 1000)
                assert response.status_code == 200, response.status_code
                sizes[label] = max(sizes.get(label, 0), len(response.content))

            search.timed(load, 3)  # warm caches and connections
            cpu[label] = []
            samples = search.timed(load, args.requests)
            cpu_p50 = sorted(cpu[label])[len(cpu[label]) // 2]
            print(f"{label:<22} {search.percentiles(samples)}   "
                  f"CPU p50 {cpu_p50:6.1f} ms   {sizes[label] / 1024:6.1f} KB")

        waiting = Submission.objects.filter(status="pending").count()
        print(f"{waiting:,} waiting on {connection.vendor}; {args.requests} requests each")
        measure("first page", lambda n: {})
        measure("pages 1-5 in turn", lambda n: {"page": str(n % 5 + 1)})
        measure("change requests only", lambda n: {"kind": "change"})
        measure("import conflicts", lambda n: {"kind": "conflicts"})


if __name__ == "__main__":
    main()
