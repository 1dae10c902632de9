"""Search latency on PostgreSQL with many meetings: p50/p95 through the API, of the search
alone, and the database's own execution time of the statements the search runs.

    python bench/search.py [--meetings 100000 500000] [--requests 300] [--database-url URL]
                           [--refill]

Each size has a database of its own (village_bench_100000, ... by default), filled with
generated meetings once and reused while the count and seed match; the sizes are measured
one after the other in one run, each in a process of its own, and compared at the end.
Times the searches in turn through the API (HTTP handling, parameters, serializing) and
through MeetingSearch.page alone, then runs EXPLAIN ANALYZE on every statement one page of
each search sends. Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Each size's database is this one's name with the size after it.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/village_bench"
DEFAULT_SIZES = [100_000, 500_000]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
SEED = 2026

# Typical parent searches: a place, often the dinner-and-bedtime preset, kids, a focus.
PARENT_SEARCHES = [
    {"near": "15222", "avoid": "17:00-20:30", "children": "welcome"},
    {"near": "Pittsburgh, PA", "avoid": "17:00-20:30", "focus": "mothers"},
    {"near": "19103", "days": "mon,tue,wed,thu,fri", "avoid": "17:00-20:30"},
    {"near": "Chicago, IL", "radius_km": "10", "children": "childcare"},
    {"near": "Denver, CO", "philosophy": "harm_reduction", "medication": "supportive"},
    {"near": "85004", "avoid": "17:00-20:30", "attendance": "in_person", "days": "sat,sun"},
    {"near": "Los Angeles, CA", "focus": "spanish-speaking", "language": "es"},
    {"near": "34.05,-118.24", "free": "09:00-14:00", "children": "welcome"},
    {"attendance": "online", "tz": "America/Chicago", "avoid": "17:00-20:30", "focus": "fathers"},
    {"near": "Philadelphia, PA", "radius_km": "50", "avoid": ["17:00-20:30", "22:00-06:00"]},
    # Weeks as they really are: free and busy times by day.
    {"near": "15222", "free": ["mon-fri@20:30-23:59", "sat@08:00-12:00"], "children": "welcome",
     "philosophy": "harm_reduction", "medication": "supportive"},
    {"near": "Chicago, IL", "avoid": ["mon-fri@08:00-17:00", "sun@09:00-12:00"],
     "children": "welcome"},
]
# `--only-daily` times the searches above without those by day, as the bench had them before.
SEARCHES_BY_DAY = 2


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=DEFAULT_SIZES,
                        help="how many meetings, one database and one measure per size")
    parser.add_argument("--requests", type=int, default=300, help="timed searches per measure")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
                        help="the cache, as in production; '' for the in-process cache")
    parser.add_argument("--refill", action="store_true", help="regenerate the meetings")
    parser.add_argument("--only-daily", action="store_true",
                        help="leave out the searches with windows by day")
    parser.add_argument("--one-size", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def size_database_url(url: str, size: int) -> str:
    base, _, name = url.rpartition("/")
    return f"{base}/{name}_{size}"


def ensure_database(url: str):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                         user=config["USER"] or "postgres", password=config["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [config["NAME"]]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def fill(count: int, refill: bool):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from meetings.demo import create_meetings
    from meetings.models import Meeting

    call_command("migrate", verbosity=0)
    table = Meeting._meta.db_table
    signature = f"village bench: {count} meetings, seed {SEED}, spread across the US"
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description(%s::regclass, 'pg_class')", [table])
        if not refill and cursor.fetchone()[0] == signature:
            print(f"reusing {count:,} meetings")
            return
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table} RESTART IDENTITY CASCADE")
    started = time.perf_counter()
    created = create_meetings(count, seed=SEED, today=timezone.localdate())
    spread_across_the_country()
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON TABLE {table} IS %s", [signature])
        cursor.execute("VACUUM ANALYZE")
    print(f"generated {created:,} meetings in {time.perf_counter() - started:.1f} s")


def spread_across_the_country():
    """Move in-person and hybrid meetings to ZIP codes all over the US.

    The demo generator packs meetings into six metros, which at 100,000 meetings would put
    twelve thousand within reach of each city, several times the real density; across the
    country each ZIP code gets two or three, about what the fellowships list nationally.
    """
    import zipcodes
    from django.db import connection

    from meetings.models import Meeting, Zone
    from meetings.schedule import is_timezone

    places = [(n, float(z["lat"]), float(z["long"]), z["timezone"]) for n, z in enumerate(
        z for z in zipcodes.list_all()
        if z["active"] and is_timezone(z["timezone"]) and float(z["lat"]) and float(z["long"]))]
    table = Meeting._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_places (n integer PRIMARY KEY, "
                       "latitude float, longitude float, timezone text)")
        with cursor.connection.cursor().copy("COPY bench_places FROM STDIN") as copy:
            for row in places:
                copy.write_row(row)
        # Deterministic: each meeting's place and its ~1 km jitter follow from its id.
        cursor.execute(f"""
            UPDATE {table} m SET latitude = p.latitude + ((m.id * 31) %% 100 - 50) / 5000.0,
                                 longitude = p.longitude + ((m.id * 37) %% 100 - 50) / 5000.0,
                                 timezone = p.timezone
            FROM bench_places p
            WHERE m.latitude IS NOT NULL AND p.n = (m.id * 7919) %% %s
        """, [len(places)])
        cursor.execute("DROP TABLE bench_places")
        Zone.ids_for(name for *_, name in places)  # numbers the zones the meetings moved to
        cursor.execute(f"UPDATE {table} m SET zone_id = z.id FROM {Zone._meta.db_table} z "
                       "WHERE z.name = m.timezone AND m.zone_id <> z.id")


def percentiles(samples_ms: list[float]) -> str:
    cuts = statistics.quantiles(samples_ms, n=100)
    return f"p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   max {max(samples_ms):6.1f} ms"


def timed(action, rounds: int) -> list[float]:
    samples = []
    for n in range(rounds):
        started = time.perf_counter()
        action(n)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def production_settings(database_url: str, redis_url: str = ""):
    """Production settings (DEBUG off) on the bench's database and cache, for one client
    asking hundreds of times a minute (the search throttle off); the database is made if
    missing."""
    os.environ["DATABASE_URL"] = database_url
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("THROTTLE_RATES", "search=off")
    ensure_database(database_url)


def statements_of(action) -> list[tuple[str, list]]:
    """The SQL statements (with their parameters) that `action()` sends, in order."""
    from django.db import connection

    sent = []

    def record(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        action()
    return sent


def database_milliseconds(statements) -> tuple[float, float]:
    """The database's own planning and execution time of the statements, summed (EXPLAIN
    ANALYZE, which runs each)."""
    from django.db import connection

    planning = execution = 0.0
    with connection.cursor() as cursor:
        for statement, params in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", params)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else plan
            planning += plan["Planning Time"]
            execution += plan["Execution Time"]
    return planning, execution


def measure(args) -> dict:
    """One size's figures, printed and returned."""
    production_settings(args.database_url, args.redis_url)

    import django

    django.setup()
    from django.core.cache import cache
    from django.http import QueryDict
    from django.test import Client

    from meetings.models import Meeting
    from search.finder import MeetingSearch
    from search.serializers import SearchParamsSerializer

    [size] = args.meetings
    fill(size, args.refill)
    searches = PARENT_SEARCHES[:-SEARCHES_BY_DAY] if args.only_daily else PARENT_SEARCHES
    published = Meeting.objects.published().count()
    client = Client()

    def query_string(params):
        query = QueryDict(mutable=True)
        for key, value in params.items():
            query.setlist(key, value if isinstance(value, list) else [value])
        return query

    criteria = []
    for params in searches:
        serializer = SearchParamsSerializer(data=query_string(params))
        serializer.is_valid(raise_exception=True)
        criteria.append(serializer.criteria())

    def api_search(n):
        response = client.get("/api/v1/search/", query_string(searches[n % len(searches)]))
        assert response.status_code == 200, response.content[:300]

    def raw_query(n):
        MeetingSearch(criteria[n % len(criteria)]).page(1)

    cache.clear()
    # The first of each search, before anything is warm: what a search no one made lately costs.
    first = timed(api_search, len(searches))
    timed(api_search, len(searches))  # warm caches and connections
    api = timed(api_search, args.requests)
    raw = timed(raw_query, args.requests)
    database = []
    for each in criteria:
        statements = statements_of(lambda each=each: MeetingSearch(each).page(1))
        database.append((len(statements), *database_milliseconds(statements)))

    counts = [MeetingSearch(c).page(1).count for c in criteria]
    print(f"{published:,} published of {Meeting.objects.count():,} meetings; "
          f"{len(searches)} parent searches matching {min(counts):,}-{max(counts):,} each")
    print(f"API     GET /api/v1/search/ ({args.requests} requests): {percentiles(api)}")
    print(f"search  count + first page  ({args.requests} queries):  {percentiles(raw)}")
    print(f"API     first of each search ({len(searches)} requests):   "
          f"median {statistics.median(first):6.1f} ms   max {max(first):6.1f} ms")
    db_total = [planning + execution for _, planning, execution in database]
    print(f"database EXPLAIN ANALYZE of each search's statements: median "
          f"{statistics.median(db_total):.1f} ms, max {max(db_total):.1f} ms (planning + execution)")
    print("by search: API p50 | database (statements: planning + execution) | matches")
    for n, (params, count) in enumerate(zip(searches, counts, strict=True)):
        samples = api[n::len(searches)]
        statements, planning, execution = database[n]
        print(f"  {statistics.median(samples):6.1f} ms | {planning + execution:6.1f} ms "
              f"({statements}: {planning:.1f} + {execution:.1f}) | {count:7,}  {params}")
    cuts = statistics.quantiles(api, n=100)
    return {"size": size, "api_p50": cuts[49], "api_p95": cuts[94],
            "database_median": statistics.median(db_total)}


def main():
    args = parse_args()
    if args.one_size:
        print("FIGURES " + json.dumps(measure(args)))
        return
    figures = []
    for size in args.meetings:
        print(f"==== {size:,} meetings ====", flush=True)
        command = [sys.executable, __file__, "--one-size", "--meetings", str(size),
                   "--requests", str(args.requests), "--redis-url", args.redis_url,
                   "--database-url", size_database_url(args.database_url, size)]
        command += ["--refill"] * args.refill + ["--only-daily"] * args.only_daily
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
            for line in child.stdout:
                if line.startswith("FIGURES "):
                    figures.append(json.loads(line.removeprefix("FIGURES ")))
                else:
                    print(line, end="", flush=True)
        if child.returncode:
            raise SystemExit(f"the {size:,} meetings measure failed (exit {child.returncode})")
    print("==== in this run ====")
    for each in figures:
        print(f"{each['size']:>9,} meetings: API p50 {each['api_p50']:5.1f} ms, "
              f"p95 {each['api_p95']:5.1f} ms; database median {each['database_median']:5.1f} ms")


if __name__ == "__main__":
    main()
