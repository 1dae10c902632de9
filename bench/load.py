"""Load and fault drills: simulated parents (locust, headless) against Village in production
shape on this machine; prints throughput, latency and errors by kind, and submissions lost.

    python bench/load.py [--users 50] [--duration 120] [--drills redis,postgres,worker]
                         [--database-url URL] [--redis-url URL] [--meetings 100000]
    python bench/load.py --no-start --host http://127.0.0.1:8000 --database-url URL \
                         [--redis-stop-cmd CMD --redis-start-cmd CMD ...]

By default it fills the database (once, as bench/search.py does) and starts the shape itself:
gunicorn with 2 x cores + 1 workers, a Celery worker, and Redis if none answers at the Redis
URL; `--no-start` drives one already running (such as `docker compose up`), with the drills'
commands given by flags. Traffic goes to 127.0.0.1 only. The drills run inside the same run:
Redis stopped for 30 s, PostgreSQL stopped and started again, the worker killed and started
again. Errors are counted inside and outside each drill's window (its outage and the few
seconds after it). Afterwards every submission answered 2xx is looked up in the database.
Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import random
import secrets
import shlex
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/village_load"
# A Redis of its own, started when none answers, so that the Redis drill stops nothing else.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6392/0"
# The mix of the issue: what parents, calendar apps, aggregators and submitters send.
MIX = {"search page": 45, "search API": 20, "meeting page": 20, "calendar": 5,
       "feed export": 2, "submission": 8}
# Once a drill's outage ends, this long is still counted as its window: the first requests
# after it wait on connections that are being made again.
RECOVERY_SECONDS = 5
REQUEST_TIMEOUT_SECONDS = 15
# Each simulated parent sends its own client address, as the proxy in front of gunicorn
# does, so that per-client throttles and rate limits see 50 parents rather than one.
CLIENT_HEADER = "X-Real-IP"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--drills", default="", help="comma-separated: redis, postgres, worker")
    parser.add_argument("--redis-outage", type=int, default=30, help="seconds Redis stays down")
    parser.add_argument("--postgres-outage", type=int, default=10,
                        help="seconds PostgreSQL stays down")
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL",
                                                                 DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("LOAD_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument("--port", type=int, default=8100, help="gunicorn's port when started here")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (2 x cores + 1)")
    parser.add_argument("--no-start", dest="start", action="store_false",
                        help="drive a Village already running at --host")
    parser.add_argument("--host", help="the running site (with --no-start)")
    for drill in ("redis-stop", "redis-start", "postgres-stop", "postgres-start",
                  "worker-kill", "worker-start"):
        parser.add_argument(f"--{drill}-cmd", help="shell command for this drill step")
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.drills = [name.strip() for name in args.drills.split(",") if name.strip()]
    unknown = set(args.drills) - {"redis", "postgres", "worker"}
    if unknown:
        parser.error(f"unknown drills: {', '.join(sorted(unknown))}")
    if not args.start and not args.host:
        parser.error("--no-start needs --host")
    if not args.start:
        missing = [f"--{step}-cmd" for step in _steps(args.drills)
                   if not getattr(args, f"{step.replace('-', '_')}_cmd")]
        if missing:
            parser.error(f"--no-start drills need {', '.join(missing)}")
    host = urlsplit(args.host or "http://127.0.0.1").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("the drills only send traffic to this machine (127.0.0.1)")
    return args


def _steps(drills):
    steps = {"redis": ("redis-stop", "redis-start"), "postgres": ("postgres-stop", "postgres-start"),
             "worker": ("worker-kill", "worker-start")}
    return [step for drill in drills for step in steps[drill]]


def bench_search():
    """bench/search.py, for its database filling and its parent searches."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(args):
    """Migrate and fill the database (reused while the count matches), in its own process."""
    os.environ.update(DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="config.settings",
                      DEBUG="false", SECRET_KEY="bench-only")
    sys.path.insert(0, str(ROOT))
    searches = bench_search()
    searches.ensure_database(args.database_url)
    import django

    django.setup()
    searches.fill(args.meetings, refill=False)
    from feeds.tasks import build_feed_snapshot

    # As the beat does within minutes of a change; at 100,000 meetings this takes a minute.
    started = time.perf_counter()
    build_feed_snapshot()
    print(f"feed snapshot ready in {time.perf_counter() - started:.1f} s")


# The shape, started here --------------------------------------------------------------------

def shape_environment(args) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on 127.0.0.1, with no TLS proxy in front.
        "SECURE_COOKIES": "0",
        "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
        # Each simulated parent suggests a change every 12 s or so, a hundred times what
        # people do; the rate limit would answer most with 429 and test nothing else.
        "SUBMISSION_RATE": "100000/h",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


class Shape:
    """gunicorn, a Celery worker and, when none answers, Redis, started for the run."""

    def __init__(self, args, log_dir: Path):
        self.args = args
        self.log_dir = log_dir
        self.environment = shape_environment(args)
        self.redis = urlsplit(args.redis_url)
        self.database = urlsplit(args.database_url)
        self.processes: dict[str, subprocess.Popen] = {}
        self.started_redis = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.args.port}"

    def start(self):
        if not self.redis_answers():
            self.start_redis()
            self.started_redis = True
        self.spawn("web", [str(BIN / "gunicorn"), "config.wsgi", "-c", "gunicorn.conf.py",
                           "--bind", f"127.0.0.1:{self.args.port}", "--workers", str(self.args.workers)])
        self.start_worker()
        wait_until(lambda: answers(f"{self.url}/en/"), "the site", 90)

    def spawn(self, name: str, command: list[str]):
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child holds it
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.environment, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)

    def start_worker(self):
        self.spawn("worker", [str(BIN / "celery"), "-A", "config", "worker", "--loglevel", "WARNING"])

    def kill_worker(self):
        stop_group(self.processes.pop("worker"), signal.SIGKILL)

    def redis_answers(self) -> bool:
        return subprocess.run(["redis-cli", "-h", self.redis.hostname, "-p", str(self.redis.port or 6379),
                               "ping"], capture_output=True, text=True).stdout.strip() == "PONG"

    def start_redis(self):
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", self.redis.hostname,
                        "--port", str(self.redis.port or 6379), "--save", "", "--appendonly", "no"],
                       check=True, capture_output=True)
        wait_until(self.redis_answers, "Redis", 20)

    def stop_redis(self):
        subprocess.run(["redis-cli", "-h", self.redis.hostname, "-p", str(self.redis.port or 6379),
                        "shutdown", "nosave"], capture_output=True)

    def postgres_cluster(self) -> list[str]:
        """pg_ctlcluster's version and name of the cluster on the database URL's port."""
        port = str(self.database.port or 5432)
        for line in subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True,
                                   check=True).stdout.splitlines():
            version, name, cluster_port, *_ = line.split()
            if cluster_port == port:
                return [version, name]
        raise SystemExit(f"no local PostgreSQL cluster on port {port} for the postgres drill")

    def postgres(self, action: str):
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", *self.postgres_cluster(), action]
        subprocess.run(command + (["-m", "fast"] if action == "stop" else []), check=True,
                       capture_output=True)

    def ensure_postgres(self):
        if subprocess.run(["pg_isready", "-q", "-h", self.database.hostname, "-p",
                           str(self.database.port or 5432)]).returncode != 0:
            self.postgres("start")

    def stop(self):
        for process in self.processes.values():
            stop_group(process, signal.SIGTERM)
        if self.started_redis:
            self.stop_redis()

    def drill_steps(self) -> dict[str, callable]:
        return {"redis-stop": self.stop_redis, "redis-start": self.start_redis,
                "postgres-stop": lambda: self.postgres("stop"),
                "postgres-start": lambda: self.postgres("start"),
                "worker-kill": self.kill_worker, "worker-start": self.start_worker}


def stop_group(process: subprocess.Popen, sig):
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def wait_until(condition, what: str, seconds: int):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not answer within {seconds} s")
        time.sleep(0.5)


def shell_steps(args) -> dict[str, callable]:
    """The drill steps given as commands (--no-start), such as `docker compose stop redis`."""
    steps = {}
    for step in ("redis-stop", "redis-start", "postgres-stop", "postgres-start", "worker-kill",
                 "worker-start"):
        command = getattr(args, f"{step.replace('-', '_')}_cmd")
        if command:
            steps[step] = lambda command=command: subprocess.run(shlex.split(command), check=True,
                                                                 capture_output=True)
    return steps


# The drills ---------------------------------------------------------------------------------

@dataclass
class Window:
    drill: str
    started: float
    ended: float | None = None

    def holds(self, started: float, seconds: float = 0.0) -> bool:
        """Whether a request that began at `started` and took `seconds` was under way in the
        window: one sent just before an outage meets it when it reaches the database."""
        return (started + seconds >= self.started
                and started <= (self.ended or float("inf")) + RECOVERY_SECONDS)


@dataclass
class Drills:
    """When each drill starts within the run, and the windows they made."""

    names: list[str]
    duration: int
    redis_outage: int
    postgres_outage: int
    steps: dict
    windows: list[Window] = field(default_factory=list)

    def schedule(self) -> list[tuple[float, str]]:
        # Spread over the run, each outage over before the next begins.
        starts = {"redis": 0.12, "postgres": 0.5, "worker": 0.78}
        return sorted((self.duration * starts[name], name) for name in self.names)

    def run(self, began: float, sleep):
        for at, name in self.schedule():
            sleep(max(0.0, began + at - time.time()))
            window = Window(name, time.time())
            self.windows.append(window)
            if name == "redis":
                self.steps["redis-stop"]()
                sleep(self.redis_outage)
                self.steps["redis-start"]()
            elif name == "postgres":
                self.steps["postgres-stop"]()
                sleep(self.postgres_outage)
                self.steps["postgres-start"]()
            else:
                self.steps["worker-kill"]()
                sleep(5)
                self.steps["worker-start"]()
            window.ended = time.time()
            print(f"  drill {name}: {window.ended - window.started:.0f} s from "
                  f"{window.started - began:.0f} s into the run", flush=True)

    def window_of(self, outcome: Outcome) -> str | None:
        return next((window.drill for window in self.windows
                     if window.holds(outcome.moment, outcome.milliseconds / 1000)), None)


# The traffic --------------------------------------------------------------------------------

@dataclass
class Outcome:
    kind: str
    moment: float
    milliseconds: float
    ok: bool
    status: int  # 0: no answer (refused, reset, timed out)


def run_load(args, base_url: str, slugs: list[str], drills: Drills) -> tuple[list[Outcome], list[int], float]:
    import gevent
    from locust import FastHttpUser, between, task
    from locust.env import Environment

    searches = bench_search().PARENT_SEARCHES
    outcomes: list[Outcome] = []
    receipts: list[int] = []
    feed_etag: list[str] = []
    expected = {"search page": {200}, "search API": {200}, "meeting page": {200}, "calendar": {200},
                "feed export": {200, 304}, "submission": {201}}

    def query(params) -> str:
        return urlencode(params, doseq=True)

    # geventhttpclient's user: the load generator shares the machine's two cores with the
    # site, and it takes a fraction of the CPU that requests' does.
    class Parent(FastHttpUser):
        wait_time = between(0.5, 1.5)
        host = base_url
        network_timeout = REQUEST_TIMEOUT_SECONDS
        connection_timeout = REQUEST_TIMEOUT_SECONDS
        number = 0

        def on_start(self):
            Parent.number += 1
            self.language = random.choice(["en", "en", "es"])
            self.headers = {
                CLIENT_HEADER: f"10.{Parent.number // 250}.{Parent.number % 250}.{random.randint(1, 254)}",
                "Accept-Language": self.language}

        def call(self, kind: str, method: str, path: str, **kwargs):
            started = time.time()
            status = 0
            try:
                headers = {**self.headers, **kwargs.pop("headers", {})}
                with self.client.request(method, path, name=kind, catch_response=True,
                                         allow_redirects=False, headers=headers,
                                         **kwargs) as response:
                    status = response.status_code or 0
                    ok = status in expected[kind]
                    if ok:
                        response.success()
                    else:
                        response.failure(f"{status}")
            except Exception:  # noqa: BLE001 - any failure to answer is an error of this kind
                ok = False
                response = None
            outcomes.append(Outcome(kind, started, (time.time() - started) * 1000, ok, status))
            return response if ok else None

        @task(MIX["search page"])
        def search_page(self):
            self.call("search page", "GET", f"/{self.language}/?{query(random.choice(searches))}")

        @task(MIX["search API"])
        def search_api(self):
            self.call("search API", "GET", f"/api/v1/search/?{query(random.choice(searches))}")

        @task(MIX["meeting page"])
        def meeting_page(self):
            self.call("meeting page", "GET", f"/{self.language}/meetings/{random.choice(slugs)}/")

        @task(MIX["calendar"])
        def calendar(self):
            if random.random() < 0.5:
                self.call("calendar", "GET", f"/{self.language}/meetings/{random.choice(slugs)}.ics")
            else:
                self.call("calendar", "GET", f"/{self.language}/search.ics?{query(random.choice(searches))}")

        @task(MIX["feed export"])
        def feed_export(self):
            # Aggregators poll with the ETag of their last copy and mostly get a 304.
            headers = {"If-None-Match": feed_etag[0]} if feed_etag else {}
            response = self.call("feed export", "GET", "/api/v1/feeds/meeting-guide.json",
                                 headers={**headers, "Accept-Encoding": "gzip"})
            if response is not None and response.status_code == 200 and response.headers.get("ETag"):
                feed_etag[:] = [response.headers["ETag"]]

        @task(MIX["submission"])
        def submission(self):
            response = self.call("submission", "POST", "/api/v1/submissions/", json={
                "kind": "closure", "meeting": random.choice(slugs),
                "message": "Load drill: the hall says the group still meets, checking.",
                "first_name": "Drill", "email": "load-drill@example.org"})
            if response is not None:
                receipts.append(response.json()["id"])

    environment = Environment(user_classes=[Parent])
    runner = environment.create_local_runner()
    began = time.time()
    runner.start(args.users, spawn_rate=args.spawn_rate)
    drill_greenlet = gevent.spawn(drills.run, began, gevent.sleep) if drills.names else None
    gevent.spawn_later(args.duration, runner.quit)
    runner.greenlet.join()
    if drill_greenlet is not None:
        drill_greenlet.join()
    return outcomes, receipts, time.time() - began


def published_slugs(database_url: str, most: int = 5000) -> list[str]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT slug FROM meetings_meeting WHERE status = 'published' "
                                  "ORDER BY md5(slug) LIMIT %s", [most]).fetchall()
    return [slug for (slug,) in rows]


def submissions_lost(database_url: str, receipts: list[int]) -> int:
    import psycopg

    for _attempt in range(60):  # PostgreSQL may still be coming back from its drill
        try:
            with psycopg.connect(database_url, connect_timeout=5) as connection:
                # curation.Submission keeps the table it was created with in meetings.
                found = connection.execute("SELECT COUNT(*) FROM meetings_submission WHERE id = ANY(%s)",
                                           [receipts]).fetchone()[0]
            return len(set(receipts)) - found
        except psycopg.OperationalError:
            time.sleep(1)
    raise SystemExit("the database did not come back to count the submissions")


def percentile_words(samples: list[float]) -> str:
    if len(samples) < 2:
        return "too few requests"
    cuts = statistics.quantiles(samples, n=100)
    return f"p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms   p99 {cuts[98]:7.1f} ms"


def report(args, outcomes: list[Outcome], receipts: list[int], seconds: float, drills: Drills):
    print(f"\n{args.users} users for {seconds:.0f} s, {len(outcomes):,} requests: "
          f"{len(outcomes) / seconds:.1f} requests/s; drills: {', '.join(drills.names) or 'none'}")
    by_kind = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    errors_outside = Counter()
    errors_inside = defaultdict(Counter)
    print(f"{'kind':<14}{'requests':>9}  latency (all requests)")
    for kind in MIX:
        done = by_kind.get(kind, [])
        print(f"{kind:<14}{len(done):>9}  {percentile_words([o.milliseconds for o in done])}")
        for outcome in done:
            if not outcome.ok:
                window = drills.window_of(outcome)
                if window:
                    errors_inside[window][(kind, outcome.status)] += 1
                else:
                    errors_outside[(kind, outcome.status)] += 1
    print(f"errors outside the drills' windows: {sum(errors_outside.values())}")
    for (kind, status), count in sorted(errors_outside.items()):
        print(f"  {kind:<14} {status or 'no answer':>9}: {count}")
    for window in drills.windows:
        answered = [o for o in outcomes if window.holds(o.moment, o.milliseconds / 1000)]
        worst = max((o.milliseconds for o in answered), default=0)
        errors = errors_inside[window.drill]
        print(f"during the {window.drill} drill: {len(answered)} requests, "
              f"{sum(errors.values())} not answered as usual, slowest {worst:,.0f} ms")
        for (kind, status), count in sorted(errors.items()):
            print(f"  {kind:<14} {status or 'no answer':>9}: {count}")
    lost = submissions_lost(args.database_url, receipts)
    print(f"submissions answered 201: {len(receipts)}; lost (not in the database): {lost}")


def main():
    args = parse_args()
    if args.prepare_only:
        prepare(args)
        return
    # Filled by its own Python, before locust patches this one's sockets for gevent.
    subprocess.run([sys.executable, __file__, "--prepare-only", "--database-url", args.database_url,
                    "--meetings", str(args.meetings)], check=True)
    log_dir = ROOT / "var" / "load"
    log_dir.mkdir(parents=True, exist_ok=True)
    shape = Shape(args, log_dir) if args.start else None
    if shape:
        print(f"starting gunicorn ({args.workers} workers), a Celery worker and Redis if needed; "
              f"logs in {log_dir}", flush=True)
        shape.start()
    steps = shape.drill_steps() if shape else shell_steps(args)
    drills = Drills(args.drills, args.duration, args.redis_outage, args.postgres_outage, steps)
    try:
        slugs = published_slugs(args.database_url)
        outcomes, receipts, seconds = run_load(args, shape.url if shape else args.host.rstrip("/"),
                                               slugs, drills)
    finally:
        if shape:
            # Whatever a drill left stopped comes back, so the machine is as it was.
            if not shape.redis_answers():
                shape.start_redis()
            if "postgres" in args.drills:
                shape.ensure_postgres()
    try:
        report(args, outcomes, receipts, seconds, drills)
    finally:
        if shape:
            shape.stop()


if __name__ == "__main__":
    main()
