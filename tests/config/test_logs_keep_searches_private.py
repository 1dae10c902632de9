"""No log line of gunicorn, Django or Celery holds what a parent searched for (place,
coordinates, needs, a calendar's title) or a submitter's contact: a real gunicorn serving
searches, a submission, errors and a throttled request, logging everything (DEBUG)."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from places.geocoding import locate
from tests.factories import UserFactory, new_meeting_data

ROOT = Path(__file__).resolve().parents[2]
PLACE = "Kalamazoo, MI"
COORDINATES = "40.43217,-79.92213"
WINDOW = "17:13-20:47"
TITLE = "Sister Dana's nights"
EMAIL = "kalamazoo.parent.4417@example.org"
# A search from the page: place, needs, a window, a focus.
SEARCH = {"near": PLACE, "children": "childcare", "avoid": WINDOW,
          "focus": "grandparents-raising-grandchildren", "medication": "supportive"}


def secrets():
    """Every form in which a parent's search or a submitter's contact could reach a log."""
    place = locate(PLACE)
    values = [PLACE, "Kalamazoo", "kalamazoo", COORDINATES, "40.43217", "79.92213", WINDOW,
              TITLE, "Sister Dana", "grandparents-raising", EMAIL, EMAIL.split("@")[0],
              # The place as the search's statement holds it.
              f"{place.latitude:.4f}", f"{abs(place.longitude):.4f}"]
    return values + [urllib.parse.quote(value) for value in values] + [
        urllib.parse.quote_plus(value) for value in values]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(tmp_path, env):
    """The suite's PostgreSQL test database (its rows committed: transactional_db), or on SQLite
    (an in-memory test database no other process sees) a migrated file of its own."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        user = urllib.parse.quote(database["USER"] or "")
        password = ":" + urllib.parse.quote(database["PASSWORD"]) if database["PASSWORD"] else ""
        return (f"postgres://{user}{password}@{database['HOST'] or 'localhost'}:"
                f"{database['PORT'] or 5432}/{database['NAME']}")
    url = f"sqlite:///{tmp_path / 'logs.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT,
                   env={**env, "DATABASE_URL": url}, check=True, timeout=120)
    return url


def request(base, path, data=None):
    body = json.dumps(data).encode() if data is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, body, headers),
                                    timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture
def gunicorn(tmp_path, transactional_db):
    env = {key: value for key, value in os.environ.items()
           if key not in {"REDIS_URL", "DATABASE_URL", "PYTEST_CURRENT_TEST"}}
    # Without REDIS_URL Celery runs the tasks inside gunicorn, so their logs are its logs; mail
    # is kept in memory (the console backend would print the email, address and all, as mail).
    env.update(LOG_LEVEL="DEBUG", DEBUG="1", THROTTLE_RATES="search=8/m",
               EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
               PYTHONUNBUFFERED="1")
    env["DATABASE_URL"] = database_url(tmp_path, env)
    port = free_port()
    output = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "-c", "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "debug"],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if request(base, "/health/live/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer: " + (tmp_path / "gunicorn.log").read_text())
        yield base, lambda: (tmp_path / "gunicorn.log").read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)
        output.close()


def test_no_log_line_holds_a_search_or_a_submitters_email(gunicorn):
    base, log = gunicorn
    query = urllib.parse.urlencode(SEARCH)
    answers = [
        request(base, f"/en/?{query}"),
        request(base, f"/es/soon/?{query}"),
        request(base, f"/api/v1/search/?near={COORDINATES}&children=childcare&avoid={WINDOW}"),
        request(base, f"/en/search.ics?{query}&" + urllib.parse.urlencode({"title": TITLE})),
        request(base, f"/api/v1/search/?{query}&days=funday"),
        request(base, f"/en/meetings/no-such-meeting/?back={urllib.parse.quote(query)}"),
        request(base, "/api/v1/meetings/no-such-meeting/?" + urllib.parse.urlencode({"near": PLACE})),
        request(base, "/api/v1/submissions/", {"kind": "new", **new_meeting_data(email=EMAIL)}),
    ]
    statuses = [status for status, _ in answers]
    assert statuses == [200, 200, 200, 200, 400, 404, 404, 201], log()[-4000:]
    throttled = [request(base, f"/api/v1/search/?{query}") for _ in range(6)]
    assert throttled[-1][0] == 429 and throttled[-1][1]["Retry-After"]

    lines = log()
    leaked = sorted({secret for secret in secrets() if secret in lines})
    assert not leaked, [line for line in lines.splitlines() if any(s in line for s in leaked)][:10]
    # The log is there to read: gunicorn's access and debug lines, Django's request warnings.
    assert '"GET /api/v1/search/ HTTP/1.1" 429' in lines
    assert "[DEBUG] GET /en/search.ics" in lines
    assert "Too Many Requests: /api/v1/search/" in lines
    assert "Not Found: /en/meetings/no-such-meeting/" in lines


@pytest.mark.django_db
def test_a_submissions_tasks_carry_its_id_never_the_submitters_email(
        client, django_capture_on_commit_callbacks):
    # A worker logs a task's arguments at DEBUG ("TaskPool: Apply ... (args: ...)") and keeps
    # them in the broker: they must not hold a contact.
    from celery.signals import task_prerun

    from curation.models import Submission

    sent = []

    def record(sender=None, args=None, kwargs=None, **extra):
        sent.append((sender.name, list(args or ()), kwargs or {}))

    client.force_login(UserFactory(email=EMAIL))  # a receipt goes only to a confirmed address
    task_prerun.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/v1/submissions/",
                                   {"kind": "new", **new_meeting_data(email=EMAIL)},
                                   content_type="application/json")
    finally:
        task_prerun.disconnect(record)
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert ("meetings.tasks.send_submission_receipt", [submission.pk], {}) in sent
    assert EMAIL not in repr(sent) and "kalamazoo" not in repr(sent)
