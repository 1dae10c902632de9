"""The backup the README describes works: `pg_dump -Fc` of a populated database, restored with
`pg_restore` into a fresh database, holds every row of every table and every sequence's place.
"""
import json
import os
import shutil
import subprocess
import uuid
from datetime import time

import pytest
from django.db import connection
from psycopg import sql

from curation.models import Submission
from feeds.importing import import_records
from meetings.models import Meeting
from tests.factories import (
    DATA,
    CoachNoteFactory,
    CollectionFactory,
    FeedSourceFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
)

CLIENTS = ("pg_dump", "pg_restore", "createdb", "dropdb")


@pytest.fixture
def postgresql_clients():
    if connection.vendor != "postgresql":
        pytest.skip("Backups are PostgreSQL's pg_dump and pg_restore; this run is on "
                    f"{connection.vendor} (set DATABASE_URL=postgres://… to run it).")
    missing = [name for name in CLIENTS if shutil.which(name) is None]
    if missing:
        message = f"PostgreSQL's client programs are missing: {', '.join(missing)}."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + " (apt-get install postgresql-client)")
    settings = connection.settings_dict
    environment = {**os.environ, "PGHOST": settings["HOST"] or "localhost",
                   "PGPORT": str(settings["PORT"] or 5432), "PGUSER": settings["USER"] or ""}
    if settings["PASSWORD"]:
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return environment


@pytest.fixture
def fresh_database(postgresql_clients):
    """A database made for this run only, dropped afterwards."""
    name = f"village_restore_{uuid.uuid4().hex[:12]}"
    subprocess.run(["createdb", name], env=postgresql_clients, check=True)
    yield name
    subprocess.run(["dropdb", "--if-exists", "--force", name], env=postgresql_clients, check=True)


def populate():
    """Rows in every kind of table Village writes: meetings and their links and history, feed
    sources and conflicts, people and roles, submissions, notes and collections."""
    source = FeedSourceFactory(name="Pittsburgh AA")
    records = json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())
    import_records(source, records, geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(start_time=time(17))
    records[0]["time"] = "19:15"
    import_records(source, records, geocode=False)  # leaves an import conflict
    meetings = MeetingFactory.create_batch(5, notes="Ring the bell — ¡bienvenidos!")
    CoachNoteFactory(meeting=meetings[0])
    collection = CollectionFactory()
    collection.meetings.add(*meetings[:3])
    SubmissionFactory.create_batch(2)
    SubmissionFactory(kind="closure", meeting=meetings[1], proposed={}, message="Closed in May.")
    ModeratorFactory()
    UserFactory()


def tables_and_contents(cursor):
    """Each table's row count and a digest of all its rows; each sequence's last value."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [row[0] for row in cursor.fetchall()]
    contents = {}
    for table in tables:
        cursor.execute(sql.SQL(
            "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
            "FROM {} AS t").format(sql.Identifier(table)))
        contents[table] = tuple(cursor.fetchone())
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    sequences = dict(cursor.fetchall())
    return contents, sequences


def sample_rows(cursor):
    cursor.execute("SELECT slug, name, notes, start_time, focus_bits, imported_values::text "
                   "FROM meetings_meeting ORDER BY id")
    return cursor.fetchall()


# transactional_db: pg_dump sees only committed rows (and, asked for by name, the fixture
# gets the vocabulary back after the flush: tests/conftest.py).
def test_a_dump_restored_into_a_fresh_database_holds_every_row(
        transactional_db, postgresql_clients, fresh_database, tmp_path):
    populate()
    dump = tmp_path / "village.dump"

    subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump),
                    connection.settings_dict["NAME"]], env=postgresql_clients, check=True)
    subprocess.run(["pg_restore", "--no-owner", "-d", fresh_database, str(dump)],
                   env=postgresql_clients, check=True)

    restored = connection.get_new_connection(
        {**connection.get_connection_params(), "dbname": fresh_database})
    try:
        with connection.cursor() as original_cursor, restored.cursor() as restored_cursor:
            original = tables_and_contents(original_cursor)
            copy = tables_and_contents(restored_cursor)
            assert sample_rows(restored_cursor) == sample_rows(original_cursor)
    finally:
        restored.close()

    tables, _ = original
    assert copy == original
    # Not an empty comparison: the tables that hold a parent's world were filled.
    for table in ("meetings_meeting", "meetings_historicalmeeting", "meetings_meeting_focus",
                  "meetings_importconflict", "meetings_submission", "auth_user",
                  "account_emailaddress", "django_migrations"):
        assert tables[table][0] > 0, table
    assert Submission.objects.count() == 3


def test_restoring_over_an_existing_database_puts_it_back_as_dumped(
        transactional_db, postgresql_clients, fresh_database, tmp_path):
    """`pg_restore --clean --if-exists` over a database whose rows changed since the dump."""
    MeetingFactory.create_batch(3)
    dump = tmp_path / "village.dump"
    name = connection.settings_dict["NAME"]
    subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump), name],
                   env=postgresql_clients, check=True)
    subprocess.run(["pg_restore", "--no-owner", "-d", fresh_database, str(dump)],
                   env=postgresql_clients, check=True)
    restored = connection.get_new_connection(
        {**connection.get_connection_params(), "dbname": fresh_database})
    try:
        with restored.cursor() as cursor:
            cursor.execute("UPDATE meetings_meeting SET name = 'changed after the backup'")
            cursor.execute("DELETE FROM meetings_historicalmeeting")
        restored.commit()

        subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d",
                        fresh_database, str(dump)], env=postgresql_clients, check=True)

        with connection.cursor() as original_cursor, restored.cursor() as restored_cursor:
            assert tables_and_contents(restored_cursor) == tables_and_contents(original_cursor)
    finally:
        restored.close()
