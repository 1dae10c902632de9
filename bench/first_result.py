"""How soon a parent on a phone sees the first meeting: headless Chromium on the results page,
served by gunicorn with DEBUG off, from navigation start to the first result card painted.

    python bench/first_result.py [--meetings 2000] [--runs 5] [--feeds DIR] [--database-url URL]

Imports the real Meeting Guide feeds of ../shared/data/meeting-guide/ with
`manage.py import_meetings`, and --meetings more made from them around Philadelphia (their
names, types and times, placed at random within 30 km), into a fresh SQLite file in a
temporary folder unless --database-url (or BENCH_DATABASE_URL) names another database. Then
collects the static files, starts gunicorn (gunicorn.conf.py) and times, on a 390x844 touch
screen, a cold load (a fresh browser context, nothing cached) and a warm one (a reload in the
same context), --runs of each, printing medians and the bytes sent. Asserts nothing.

The first card's paint comes from the Element Timing API: the first result carries
`elementtiming="first-result"`, and the bench reads its entry's renderTime.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_database import bench_database  # noqa: E402 - beside this script, read after the path

SEED = 2026
REAL_FEEDS = ROOT.parent / "shared" / "data" / "meeting-guide"
# Each real feed, with the fellowship whose type codes it speaks (Al-Anon's POA is "parents of
# alcoholics", AA's "proof of attendance").
FEEDS = {"sussexaa.json": "aa", "al-anon.json": "al-anon"}
MADE_FEEDS = ROOT / "var" / "first_result"
PHILADELPHIA = (39.9526, -75.1652)
SPREAD_KM = 30
# A parent's search as the form sends it: the place, the dinner-and-bedtime preset, and the
# empty fields a submitted form carries. (No "children": the real feeds say nothing of
# children, so nothing would fit.)
SEARCH = {"near": "Philadelphia, PA", "avoid": ["17:00-20:30", ""], "free": "", "children": "",
          "radius_km": "25", "units": "", "attendance": "", "tz": "America/New_York",
          "philosophy": "", "fellowship": "", "language": ""}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
         "has_touch": True}
SERVER_ENV = {"DEBUG": "0", "SECRET_KEY": "bench-only-key-never-served-to-anyone",
              "SECURE_COOKIES": "0", "THROTTLE_RATES": "search=off", "LOG_LEVEL": "WARNING"}

FIRST_RESULT_PAINTED = """() => new Promise((resolve) => {
  new PerformanceObserver((entries, observer) => {
    for (const entry of entries.getEntries()) {
      if (entry.identifier === "first-result") {
        observer.disconnect();
        resolve(entry.renderTime || entry.loadTime);
      }
    }
  }).observe({type: "element", buffered: true});
  setTimeout(() => resolve(null), 10000);
})"""
LOADED = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    firstContentfulPaint: paint ? paint.startTime : null,
    responseStart: navigation.responseStart,
    responseEnd: navigation.responseEnd,
    domInteractive: navigation.domInteractive,
    stylesheetsLoaded: Math.max(0, ...performance.getEntriesByType("resource")
      .filter((entry) => entry.initiatorType === "link").map((entry) => entry.responseEnd)),
    resources: [navigation, ...performance.getEntriesByType("resource")].map((entry) => ({
      name: entry.name, transferred: entry.transferSize, encoded: entry.encodedBodySize,
      decoded: entry.decodedBodySize})),
  };
}"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=2000,
                        help="meetings made around Philadelphia, beside the real feeds")
    parser.add_argument("--runs", type=int, default=5, help="cold and warm loads, each")
    parser.add_argument("--workers", type=int, default=3,
                        help="gunicorn workers (3, as the Dockerfile runs it)")
    parser.add_argument("--feeds", type=Path, default=REAL_FEEDS,
                        help=f"the folder of the real feeds (default {REAL_FEEDS})")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    return parser.parse_args()


def around_philadelphia(records: list[dict], count: int, rng: random.Random) -> list[dict]:
    """`count` meetings like `records`, each placed at random within SPREAD_KM of Philadelphia;
    the online ones stay online."""
    made = []
    for n in range(count):
        record = dict(records[n % len(records)])
        distance, bearing = SPREAD_KM * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        latitude = PHILADELPHIA[0] + distance * math.cos(bearing) / 111.0
        longitude = PHILADELPHIA[1] + distance * math.sin(bearing) / (
            111.0 * math.cos(math.radians(PHILADELPHIA[0])))
        record.update(
            slug=f"philadelphia-{n}-{record['slug']}"[:200], name=f"{record['name']} ({n})",
            latitude=round(latitude, 6), longitude=round(longitude, 6), timezone="America/New_York",
            formatted_address=f"{100 + n} Market St, Philadelphia, PA 191{n % 50:02d}, USA",
            location_id=f"philadelphia-{n}", region="Philadelphia", regions=["Philadelphia"])
        made.append(record)
    return made


def import_feeds(real_feeds: Path, folder: Path, meetings: int):
    from django.core.management import call_command

    rng = random.Random(SEED)
    for name, fellowship in FEEDS.items():
        real = real_feeds / name
        if not real.exists():
            sys.exit(f"{real} is missing: give the folder of the real feeds with --feeds.")
        made = folder / f"philadelphia-{name}"
        made.write_text(json.dumps(around_philadelphia(
            json.loads(real.read_text()), meetings // len(FEEDS), rng)))
        for feed in (real, made):
            # Its summary and the records it skipped (closed locations), as on any import.
            said = io.StringIO()
            call_command("import_meetings", str(feed), fellowship=fellowship, no_geocode=True,
                         stdout=said, stderr=said)
            print(said.getvalue().splitlines()[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    environment = {**os.environ, **SERVER_ENV}
    environment.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--log-level", "warning"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live/", timeout=1)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn stopped before it served; its errors are above.")
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer within a minute.")


def warm_the_server(url: str, workers: int):
    """A server that has been up a while: every worker has searched once (templates loaded,
    the place looked up), as after the first parents of the day."""
    for _ in range(4 * workers):
        urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "br"}),
                               timeout=30).read()


def load(page, navigate) -> dict:
    navigate()
    first_result = page.evaluate(FIRST_RESULT_PAINTED)
    if first_result is None:
        sys.exit(f"No result card was painted on {page.url}: does the search find meetings?")
    return {"first_result": first_result, **page.evaluate(LOADED)}


def measure(url: str, runs: int) -> tuple[list[dict], list[dict]]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path

    executable = chromium_path()
    if executable is None:
        sys.exit("No chromium found (apt-get install chromium, or set CHROMIUM_PATH).")
    cold, warm = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        # One load first, not counted: Chromium's own start-up (its processes, fonts).
        context = browser.new_context(**PHONE)
        load(context.new_page(), lambda: context.pages[0].goto(url))
        context.close()
        for _ in range(runs):
            context = browser.new_context(**PHONE)
            page = context.new_page()
            cold.append(load(page, lambda page=page: page.goto(url)))
            warm.append(load(page, lambda page=page: page.reload()))
            context.close()
        browser.close()
    return cold, warm


def kilobytes(count: int) -> str:
    return f"{count / 1024:6.1f} KB"


def report(label: str, loads: list[dict]):
    def median(key):
        values = [entry[key] for entry in loads if entry[key] is not None]
        return statistics.median(values) if values else float("nan")

    samples = ", ".join(f"{entry['first_result']:.0f}" for entry in loads)
    print(f"{label:<5} first result card painted: median {median('first_result'):6.1f} ms "
          f"({samples})")
    print(f"      first contentful paint   median {median('firstContentfulPaint'):6.1f} ms; "
          f"the page's first byte at {median('responseStart'):.1f} ms, its last at "
          f"{median('responseEnd'):.1f} ms, parsed at {median('domInteractive'):.1f} ms; "
          f"style sheets in at {median('stylesheetsLoaded'):.1f} ms (medians)")
    resources = loads[-1]["resources"]
    print(f"      sent {kilobytes(sum(r['transferred'] for r in resources))} with headers, "
          f"{kilobytes(sum(r['encoded'] for r in resources))} of compressed bodies, "
          f"{kilobytes(sum(r['decoded'] for r in resources))} uncompressed:")
    for resource in resources:
        name = resource["name"].split("/", 3)[-1].split("?")[0] or "/"
        print(f"        {name[:40]:<40} {kilobytes(resource['transferred'])} sent, "
              f"{kilobytes(resource['encoded'])} body, {kilobytes(resource['decoded'])} "
              f"uncompressed")


def main():
    args = parse_args()
    os.environ.update(SERVER_ENV)
    with bench_database(args.database_url):
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from meetings.models import Meeting

        # A fixed place for the made feeds, so a second run on the same database refreshes
        # their sources instead of importing their meetings again.
        MADE_FEEDS.mkdir(parents=True, exist_ok=True)
        import_feeds(args.feeds, MADE_FEEDS, args.meetings)
        print(f"{Meeting.objects.count():,} meetings on {connection.vendor}")
        connection.close()
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"static files collected into {settings.STATIC_ROOT}")

        port = free_port()
        server = start_gunicorn(port, args.workers)
        try:
            url = f"http://127.0.0.1:{port}/en/?{urlencode(SEARCH, doseq=True)}"
            warm_the_server(url, args.workers)
            print(f"gunicorn, {args.workers} workers, DEBUG off: {url.split('/', 3)[-1]}")
            cold, warm = measure(url, args.runs)
        finally:
            server.terminate()
            server.wait(timeout=30)
        report("cold", cold)
        report("warm", warm)


if __name__ == "__main__":
    main()
