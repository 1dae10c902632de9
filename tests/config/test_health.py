"""/health/live/ says the process answers; /health/ready/ says it can serve: database reachable
and migrated, cache, broker and a worker seen lately (core/health.py), 200 or 503 in JSON."""
import time

import pytest
from celery.signals import heartbeat_sent
from django.db import OperationalError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from core.health import WORKER_SEEN_KEY, broker_configured

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def ready(client):
    response = client.get("/health/ready/")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()["status"], response.json()["checks"]


def test_live_answers_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_health_addresses_have_no_language_prefix(client):
    assert reverse("health-live") == "/health/live/" and reverse("health-ready") == "/health/ready/"
    assert client.get("/health/live/", HTTP_ACCEPT_LANGUAGE="es").status_code == 200


def test_ready_when_the_database_is_migrated_and_the_services_answer(client):
    heartbeat_sent.send(sender=None)  # a worker alive, for the run with REDIS_URL (a broker)
    status, state, checks = ready(client)
    assert (status, state) == (200, "ok")
    expected = {"database", "migrations", "cache"} | ({"broker", "worker"} if broker_configured()
                                                      else set())
    assert checks == dict.fromkeys(expected, "ok")


def test_not_ready_while_a_migration_is_unapplied(client):
    heartbeat_sent.send(sender=None)
    loader = MigrationLoader(connection)
    (app, latest), = [node for node in loader.graph.leaf_nodes() if node[0] == "meetings"]
    # As if this release brought the migration and `migrate` had not run yet.
    MigrationRecorder(connection).record_unapplied(app, latest)
    status, state, checks = ready(client)
    assert (status, state) == (503, "unavailable")
    assert f"meetings.{latest}" in checks["migrations"]
    assert checks["database"] == "ok"


def test_not_ready_when_the_database_is_unreachable(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    status, _, checks = ready(client)
    assert status == 503
    assert checks["database"] != "ok" and checks["migrations"] != "ok"


@pytest.mark.parametrize("backend", ["django.core.cache.backends.redis.RedisCache",
                                     # Answers from memory while Redis is down; still not ready.
                                     "config.cache.FallbackRedisCache"])
def test_not_ready_when_the_cache_is_unreachable(client, settings, backend):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": CLOSED}}
    status, _, checks = ready(client)
    assert status == 503
    assert checks["cache"] != "ok" and checks["database"] == "ok"


def test_not_ready_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = CLOSED
    status, _, checks = ready(client)
    assert status == 503
    assert checks["broker"] != "ok"


def test_without_a_broker_no_worker_is_asked_for(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    status, _, checks = ready(client)
    assert status == 200
    assert "broker" not in checks and "worker" not in checks


def test_a_worker_counts_as_seen_for_two_minutes_after_its_heartbeat(client, settings):
    from django.core.cache import cache

    settings.CELERY_BROKER_URL = CLOSED
    assert ready(client)[2]["worker"] != "ok"
    heartbeat_sent.send(sender=None)
    assert ready(client)[2]["worker"] == "ok"
    cache.set(WORKER_SEEN_KEY, time.time() - 121)
    assert "No Celery worker seen" in ready(client)[2]["worker"]


def test_the_health_checks_are_never_throttled(client, settings):
    settings.VILLAGE_THROTTLE_RATES = dict.fromkeys(settings.VILLAGE_THROTTLE_RATES, "1/m")
    settings.CELERY_BROKER_URL = "memory://"
    assert {client.get("/health/ready/").status_code for _ in range(3)} == {200}
    assert {client.get("/health/live/").status_code for _ in range(3)} == {200}
