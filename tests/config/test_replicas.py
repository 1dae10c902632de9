"""Public reads come from a streaming replica, everything else from the primary
(config.databases, config.middleware), against two real PostgreSQL databases: a primary, and
a replica that is a copy of it taken a moment before the primary changed again, as a replica
lags."""
import gzip
import json
import os
import uuid
from contextlib import contextmanager
from http.cookies import SimpleCookie

import dj_database_url
import psycopg
import pytest
import yaml
from django.conf import settings as django_settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.management import call_command
from django.db import connections
from django.test import Client
from psycopg import sql

from config.celery import enqueue
from config.databases import ReplicaRouter, reading_from
from config.middleware import RECENTLY_WROTE_COOKIE, ReplicaReadsMiddleware
from config.settings import databases
from curation.models import Submission
from feeds.exporting import build_snapshot
from feeds.models import FeedSnapshot
from feeds.tasks import build_feed_snapshot
from meetings.models import Meeting
from tests.factories import CoachFactory, MeetingFactory, ModeratorFactory

OLD_NAME = "Hope at Noon"
NEW_NAME = "Serenity at Noon"
# The primary's server: the run's own when it is on PostgreSQL, else the one CI starts for the
# PostgreSQL run (both runs of CI have it).
SERVER = os.environ.get("DATABASE_URL", "")
if not SERVER.startswith(("postgres://", "postgresql://")):
    SERVER = os.environ.get("REPLICA_TEST_SERVER_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def test_databases_from_the_setting_name_each_replica_after_the_primary():
    found = databases("postgres://village:secret@primary:5432/village",
                      ["postgres://village:secret@replica-a:5432/village",
                       "postgres://village:secret@replica-b/village"])
    assert list(found) == ["default", "replica1", "replica2"]
    assert [found[alias]["HOST"] for alias in found] == ["primary", "replica-a", "replica-b"]
    # Each replica is connected to as the primary is: no parallel workers, a short timeout.
    assert found["replica2"]["OPTIONS"] == found["default"]["OPTIONS"]
    assert found["replica2"]["OPTIONS"]["connect_timeout"] == 5
    assert found["replica1"]["CONN_HEALTH_CHECKS"] is True
    # A test run makes no test database on a replica.
    assert found["replica1"]["TEST"] == {"MIRROR": "default"}
    assert "TEST" not in found["default"]


def test_compose_runs_a_streaming_replica_that_only_the_web_reads():
    compose = yaml.safe_load((django_settings.BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    replica = services["db-replica"]
    assert replica["image"] == services["db"]["image"]
    assert "pg_basebackup" in replica["command"][-1] and "--write-recovery-conf" in replica["command"][-1]
    assert "--host=db" in replica["command"][-1]
    (script,) = [volume.split(":")[0] for volume in services["db"]["volumes"] if "initdb" in volume]
    assert "host replication" in (django_settings.BASE_DIR / script).read_text()
    assert "@db-replica:5432/village" in services["web"]["environment"]["DATABASE_REPLICA_URLS"]
    assert services["web"]["depends_on"]["db-replica"] == {"condition": "service_healthy"}
    # Everything else the web has, it still has.
    assert services["web"]["environment"].items() > services["worker"]["environment"].items()
    for name in ("worker", "beat", "migrate"):
        assert "DATABASE_REPLICA_URLS" not in services[name]["environment"]


def test_without_replica_urls_there_is_only_the_primary():
    assert list(databases("postgres://village@primary/village", [])) == ["default"]
    assert list(databases("sqlite:///village.sqlite3")) == ["default"]


def test_replicas_of_sqlite_are_refused_at_start():
    with pytest.raises(RuntimeError, match="DATABASE_REPLICA_URLS"):
        databases("sqlite:///village.sqlite3", ["postgres://village@replica/village"])


def test_outside_a_request_every_read_and_write_is_the_primarys():
    """A Celery task, a management command, an import or a migration never reads a replica."""
    router = ReplicaRouter()
    assert router.db_for_read(Meeting) == "default"
    assert router.db_for_write(Meeting) == "default"
    assert router.allow_migrate("default", "meetings")
    assert not router.allow_migrate("replica1", "meetings")


@pytest.mark.django_db
def test_without_replicas_requests_read_the_primary_and_set_no_cookie(client, settings):
    settings.DATABASE_REPLICAS = []
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadsMiddleware(lambda request: None)
    meeting = MeetingFactory(name=OLD_NAME)
    assert OLD_NAME in client.get(f"/en/meetings/{meeting.slug}/").content.decode()
    answer = client.post(f"/en/meetings/{meeting.slug}/report-closed/",
                         {"message": "The church told us it stopped in May."})
    assert answer.status_code == 302
    assert RECENTLY_WROTE_COOKIE not in answer.cookies
    assert Submission.objects.get().meeting == meeting


# Two real databases from here on.

@contextmanager
def connections_to(settings_by_alias):
    """Django's connections go to these databases for a while, instead of the test run's (whose
    connections, SQLite's in-memory test database among them, are kept aside untouched)."""
    kept_settings = connections.settings
    aliases = set(kept_settings) | set(settings_by_alias)
    kept = {alias: getattr(connections._connections, alias, None) for alias in aliases}
    for alias in aliases:
        if hasattr(connections._connections, alias):
            delattr(connections._connections, alias)
    connections.settings = connections.configure_settings(settings_by_alias)
    try:
        yield
    finally:
        connections.close_all()
        connections.settings = kept_settings
        for alias, connection in kept.items():
            if hasattr(connections._connections, alias):
                delattr(connections._connections, alias)
            if connection is not None:
                setattr(connections._connections, alias, connection)


class Server:
    """The PostgreSQL server, for making and dropping the tests' databases."""

    def __init__(self, url):
        self.settings = dj_database_url.parse(url)
        self.admin = psycopg.connect(
            host=self.settings["HOST"] or "127.0.0.1", port=self.settings["PORT"] or 5432,
            user=self.settings["USER"] or "postgres", password=self.settings["PASSWORD"] or None,
            dbname="postgres", autocommit=True, connect_timeout=5)

    def url(self, name):
        user, password = self.settings["USER"] or "postgres", self.settings["PASSWORD"]
        host, port = self.settings["HOST"] or "127.0.0.1", self.settings["PORT"] or 5432
        return f"postgres://{user}{':' + password if password else ''}@{host}:{port}/{name}"

    def copy(self, template, name):
        self.drop(name)
        self.admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)))

    def drop(self, name):
        self.admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))


@pytest.fixture(scope="module")
def server():
    try:
        server = Server(SERVER)
    except psycopg.OperationalError as error:
        message = f"The replica tests need PostgreSQL at {SERVER.split('@')[-1]}: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + " (or set REPLICA_TEST_SERVER_URL=postgres://…)")
    yield server
    server.admin.close()


class Replication:
    """A primary with Village's schema, and its replica: the primary as of catch_up()."""

    def __init__(self, server):
        self.server = server
        self.primary = f"village_replicas_{uuid.uuid4().hex[:10]}"
        self.replica = f"{self.primary}_replica"
        server.admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.primary)))

    def settings(self):
        return databases(self.server.url(self.primary), [self.server.url(self.replica)])

    def catch_up(self):
        # A database is copied only while nobody is connected to it.
        connections.close_all()
        self.server.copy(self.primary, self.replica)

    def drop(self):
        connections.close_all()
        self.server.drop(self.replica)
        self.server.drop(self.primary)


@pytest.fixture(scope="module")
def replicated(server, django_db_blocker):
    """The module's one primary and replica (dropping a database costs PostgreSQL a
    checkpoint, seconds on a busy machine): a meeting the replica has under its old name,
    renamed on the primary since, with the feed's snapshot of each moment built. Each test
    adds only rows of its own."""
    replication = Replication(server)
    with django_db_blocker.unblock(), connections_to(replication.settings()):
        try:
            call_command("migrate", verbosity=0)
            meeting = MeetingFactory(name=OLD_NAME)
            build_snapshot()
            replication.catch_up()
            meeting.name = NEW_NAME
            meeting.save()
            build_snapshot()
            yield meeting
        finally:
            replication.drop()


@pytest.fixture
def renamed(replicated, settings):
    settings.DATABASE_REPLICAS = ["replica1"]
    return replicated


def read(client, url):
    answer = client.get(url)
    assert answer.status_code == 200, url
    text = b"".join(answer.streaming_content) if answer.streaming else answer.content
    return text.decode()


PUBLIC_READS = {
    "the search page": "/en/?near=15222",
    "the search API": "/api/v1/search/?near=15222",
    "a search's calendar": "/en/search.ics?near=15222&details=1",
    "a meeting's page": "/en/meetings/{slug}/",
    "a meeting's calendar": "/en/meetings/{slug}.ics?details=1",
    "the meetings API": "/api/v1/meetings/{slug}/",
    "the published feed": "/api/v1/feeds/meeting-guide.json",
}


@pytest.mark.parametrize("url", PUBLIC_READS.values(), ids=PUBLIC_READS.keys())
def test_a_public_read_comes_from_the_replica(renamed, url):
    page = read(Client(), url.format(slug=renamed.slug))
    assert OLD_NAME in page
    assert NEW_NAME not in page


@pytest.mark.parametrize("online", [False, True], ids=["in person", "online"])
def test_a_meeting_too_new_for_the_replica_is_not_in_a_public_search_yet(renamed, online):
    """The in-person part is searched on the replica; the online part is ranked on the
    primary (it is kept in the cache), its meetings then read from the replica."""
    MeetingFactory(name="Too New For The Replica", online=online)
    for url in ("/en/?near=15222", "/api/v1/search/?near=15222"):
        page = read(Client(), url)
        assert OLD_NAME in page
        assert "Too New For The Replica" not in page


def test_a_moderators_page_comes_from_the_primary(renamed):
    client = Client()
    client.force_login(ModeratorFactory())
    assert NEW_NAME in read(client, f"/en/meetings/{renamed.slug}/edit/")


@pytest.mark.parametrize("url", ["/en/meetings/{slug}/", "/en/?near=15222"])
def test_a_coach_reads_even_public_pages_from_the_primary(renamed, url):
    client = Client()
    client.force_login(CoachFactory())
    page = read(client, url.format(slug=renamed.slug))
    assert NEW_NAME in page
    assert OLD_NAME not in page


def test_a_write_reads_and_writes_the_primary_and_the_next_pages_read_it_too(renamed):
    new = MeetingFactory(name="Brand New Group")  # too new for the replica
    parent = Client()
    answer = parent.post(f"/en/meetings/{new.slug}/report-closed/",
                         {"message": "The church told us it stopped in May."})
    assert answer.status_code == 302
    assert Submission.objects.using("default").filter(meeting=new).exists()
    assert not Submission.objects.using("replica1").exists()
    # The mark says only that this browser wrote, for a while; no script reads it.
    mark = answer.cookies[RECENTLY_WROTE_COOKIE]
    assert mark.value == "1"
    assert mark["max-age"] == 15
    assert mark["httponly"] is True
    assert mark["samesite"] == "Lax"
    assert "Brand New Group" in read(parent, f"/en/meetings/{new.slug}/")
    assert Client().get(f"/en/meetings/{new.slug}/").status_code == 404


def test_once_the_mark_is_gone_the_same_browser_reads_the_replica_again(renamed):
    parent = Client()
    parent.post(f"/en/meetings/{renamed.slug}/report-closed/", {"message": "Closed in May."})
    assert NEW_NAME in read(parent, f"/en/meetings/{renamed.slug}/")
    parent.cookies = SimpleCookie()  # expired
    assert OLD_NAME in read(parent, f"/en/meetings/{renamed.slug}/")


def test_a_task_run_inside_a_public_read_reads_the_primary(renamed):
    """Without a broker a task runs inside the request that queued it (the feed's build does)."""
    token = reading_from.set("replica1")
    try:
        assert Meeting.objects.get(pk=renamed.pk).name == OLD_NAME  # as the request reads
        snapshot = enqueue(build_feed_snapshot).result
    finally:
        reading_from.reset(token)
    records = json.loads(gzip.decompress(FeedSnapshot.objects.get(pk=snapshot).body))
    names = {record["name"] for record in records}
    assert NEW_NAME in names
    assert OLD_NAME not in names


def test_a_replica_that_does_not_answer_leaves_public_reads_to_the_primary(renamed, server,
                                                                           caplog):
    primary = connections["default"].settings_dict["NAME"]
    with connections_to(databases(server.url(primary), [server.url(f"{primary}_gone")])):
        page = read(Client(), f"/en/meetings/{renamed.slug}/")
    assert NEW_NAME in page
    assert "Replica replica1 unreachable, the primary serves its reads" in caplog.text
