"""Redis down (cache and broker): searches, meeting pages, calendars and the feed still answer,
a submission is stored and acknowledged and its email goes out once Redis is back, the
submission rate limit still holds, and the outage is logged once, not per request.

Each test runs its own redis-server on a free port and stops it: a real outage, whichever
Redis REDIS_URL names (the shared one is never touched).
"""
import logging
import pickle
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from config.celery import app as celery_app
from config.celery import enqueue
from curation.models import Submission
from curation.tasks import send_due_notifications
from feeds.tasks import refresh_due_sources
from meetings.tasks import geocode_meetings
from tests.factories import FeedSourceFactory, MeetingFactory, UserFactory, new_meeting_data

pytestmark = pytest.mark.django_db


class RedisServer:
    """A redis-server of the test's own, which it can stop and start again on the same port."""

    def __init__(self, executable):
        self.executable = executable
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server():
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("No redis-server on the PATH (apt-get install redis-server).")
    server = RedisServer(executable)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cache_on(redis_server, settings):
    """The site's cache on the test's Redis, as production configures it, asking Redis again
    at every call after an error (production waits RETRY_SECONDS)."""
    settings.CACHES = {"default": {
        "BACKEND": "config.cache.FallbackRedisCache", "LOCATION": redis_server.url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 1, "RETRY_SECONDS": 0}}}
    yield redis_server
    cache.clear()


@pytest.fixture
def broker_on(redis_server):
    """Tasks sent to the test's Redis as the broker, as with REDIS_URL (no worker reads them)."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager

    def forget_connections():
        # The app keeps its broker connections; a new URL needs new ones.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.broker_url, conf.task_always_eager = redis_server.url, False
    forget_connections()
    yield redis_server
    conf.broker_url, conf.task_always_eager = saved
    forget_connections()


def test_searches_pages_calendars_and_the_feed_answer_while_redis_is_down(cache_on):
    meeting = MeetingFactory()
    cache_on.stop()
    client = Client()

    for path in ["/en/?near=15222", "/api/v1/search/?near=15222", f"/en/meetings/{meeting.slug}/",
                 f"/en/meetings/{meeting.slug}.ics", "/en/search.ics?near=15222",
                 "/api/v1/feeds/meeting-guide.json", "/api/v1/meetings/"]:
        assert client.get(path).status_code == 200, path


def test_an_outage_is_logged_once_and_so_is_the_recovery(cache_on, caplog):
    MeetingFactory()
    client = Client()
    caplog.set_level(logging.WARNING, logger="config.cache")

    cache_on.stop()
    for _ in range(3):
        assert client.get("/api/v1/search/?near=15222").status_code == 200
    cache_on.start()
    for _ in range(2):
        assert client.get("/api/v1/search/?near=15222").status_code == 200
    cache_on.stop()
    assert client.get("/api/v1/search/?near=15222").status_code == 200

    said = [record.getMessage() for record in caplog.records if record.name == "config.cache"]
    assert [message.split(" (")[0].split(" after")[0] for message in said] == [
        "Redis cache unreachable", "Redis cache answers again", "Redis cache unreachable"]
    assert not any("15222" in message for message in said)


def test_a_submission_is_stored_and_its_email_goes_out_once_redis_is_back(cache_on, broker_on):
    cache_on.stop()

    client = Client()
    # Signed in with the address they confirmed: the receipt is theirs to get.
    client.force_login(UserFactory(email="sam@example.org"))
    started = time.monotonic()
    response = client.post("/api/v1/submissions/", {"kind": "new", **new_meeting_data()},
                           content_type="application/json")

    assert response.status_code == 201
    assert time.monotonic() - started < 5
    submission = Submission.objects.get()
    assert submission.receipt_sent_at is None and not mail.outbox  # waiting in the database

    cache_on.start()
    send_due_notifications.apply()  # the beat's run every 10 minutes

    submission.refresh_from_db()
    assert submission.receipt_sent_at is not None
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]


def test_the_submission_rate_limit_still_holds_while_redis_is_down(cache_on, settings):
    settings.VILLAGE_SUBMISSION_RATE = "2/h"
    cache_on.stop()
    client = Client()

    answers = [client.post(reverse("submission-new"), new_meeting_data()).status_code
               for _ in range(3)]

    assert answers == [302, 302, 429]
    assert Submission.objects.count() == 2


def test_a_failed_log_in_is_answered_while_redis_is_down(cache_on):
    cache_on.stop()

    response = Client().post("/en/accounts/login/", {"login": "nobody@example.org",
                                                     "password": "wrong"})

    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_what_was_forgotten_during_the_outage_stays_forgotten_when_redis_is_back(cache_on):
    cache.set("meetings:zones", {1: "America/New_York"})
    cache_on.stop()
    cache.delete("meetings:zones")  # a zone was added while Redis was down
    cache_on.start()
    # This Redis started empty; one that kept its data on disk would hold the old copy.
    redis.Redis(port=cache_on.port).set(cache.make_key("meetings:zones"),
                                        pickle.dumps({1: "America/New_York"}))

    assert cache.get("meetings:zones") is None


def test_values_kept_during_the_outage_are_read_back_in_that_process(cache_on):
    cache_on.stop()
    cache.set("meetings:vocabulary:v2", "the vocabulary")

    assert cache.get("meetings:vocabulary:v2") == "the vocabulary"
    assert cache.add("counted", 1) and cache.incr("counted") == 2


def test_a_task_that_cannot_be_queued_is_logged_and_the_caller_carries_on(broker_on, caplog):
    broker_on.stop()
    caplog.set_level(logging.WARNING, logger="config.celery")

    started = time.monotonic()
    sent = enqueue(geocode_meetings, [1, 2])

    assert sent is None and time.monotonic() - started < 5
    assert "Could not queue search.geocoding_tasks.geocode_meetings" in caplog.text


def test_a_feed_source_whose_refresh_could_not_be_queued_is_still_due(broker_on):
    source = FeedSourceFactory(refresh_hours=24, last_run_at=None)
    broker_on.stop()

    refresh_due_sources.apply()

    source.refresh_from_db()
    assert source.last_run_at is None
