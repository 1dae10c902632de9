"""The database out of reach: every request gets a 503 in its own form (a page with the quick
exit, JSON for the API, plain text for calendars) within seconds, never a traceback or a hang,
and the site recovers by itself once the database is back."""
import socket
import time

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory

from config.error_views import server_error
from tests.factories import MeetingFactory

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite has no server to lose")


@pytest.fixture
def database_down(monkeypatch):
    """Every new statement fails as it does when the server is gone (on either database)."""
    def refuse(self):
        raise OperationalError("connection to server at \"db\" failed: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)


def assert_unavailable(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/?near=15222", "/es/?near=15222", "/en/meetings/a-group/"])
def test_pages_answer_503_in_the_sites_frame_with_the_quick_exit(path, database_down, settings):
    settings.VILLAGE_QUICK_EXIT_URL = "https://neutral.example/"

    response = Client().get(path)

    assert_unavailable(response)
    page = response.content.decode()
    assert 'href="https://neutral.example/"' in page and "data-quick-exit" in page
    assert f'<html lang="{path[1:3]}">' in page  # in the page's language


@pytest.mark.django_db
def test_the_page_says_what_happened_and_what_to_do(database_down):
    page = Client().get("/en/?near=15222").content.decode()

    assert "Village is back in a moment" in page and "try again in a minute" in page


@pytest.mark.django_db
def test_the_api_answers_503_in_json(database_down):
    response = Client().get("/api/v1/search/?near=15222")

    assert_unavailable(response)
    assert response["Content-Type"] == "application/json"
    assert "try again" in response.json()["detail"]


@pytest.mark.django_db
def test_a_calendar_answers_503_in_plain_text(monkeypatch):
    meeting = MeetingFactory()
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection",
                        lambda self: (_ for _ in ()).throw(OperationalError("gone")))

    response = Client().get(f"/en/meetings/{meeting.slug}.ics")

    assert_unavailable(response)
    assert response["Content-Type"].startswith("text/plain")
    assert "try again" in response.content.decode()


@pytest.mark.django_db
def test_the_site_answers_again_as_soon_as_the_database_does(monkeypatch):
    meeting = MeetingFactory()
    with monkeypatch.context() as down:
        down.setattr(BaseDatabaseWrapper, "ensure_connection",
                     lambda self: (_ for _ in ()).throw(OperationalError("gone")))
        assert Client().get(f"/en/meetings/{meeting.slug}/").status_code == 503

    assert Client().get(f"/en/meetings/{meeting.slug}/").status_code == 200


def test_a_database_error_outside_a_view_gets_the_503_too():
    # Such as the session saved after the view: Django hands it to the 500 handler.
    request = RequestFactory().get("/api/v1/meetings/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)

    assert_unavailable(response)
    assert response["Content-Type"] == "application/json"


def test_other_server_errors_keep_the_500_page():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/en/"))

    assert response.status_code == 500


# --- A real PostgreSQL out of reach ---------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_at(transactional_db):
    """Point the default connection at another address until the test ends (then back, before
    the database is flushed)."""
    settings = connection.settings_dict
    real = settings["HOST"], settings["PORT"]

    def point(host, port):
        connection.close()
        settings["HOST"], settings["PORT"] = host, str(port)

    yield point
    connection.close()
    settings["HOST"], settings["PORT"] = real


# Each real outage test needs committed rows and its own connections (transactional_db).
@on_postgresql
def test_postgresql_refusing_connections_gets_503_at_once_then_the_site_recovers(database_at):
    meeting = MeetingFactory()
    real = connection.settings_dict["HOST"], connection.settings_dict["PORT"]
    database_at("127.0.0.1", closed_port())

    started = time.monotonic()
    response = Client().get(f"/api/v1/meetings/{meeting.slug}/")

    assert_unavailable(response)
    assert time.monotonic() - started < 5
    database_at(*real)
    assert Client().get(f"/api/v1/meetings/{meeting.slug}/").status_code == 200


@on_postgresql
def test_postgresql_that_never_answers_gets_503_within_the_connect_timeout(database_at):
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel accepts the connection; nothing ever answers it
    try:
        database_at("127.0.0.1", silent.getsockname()[1])
        started = time.monotonic()
        response = Client().get("/en/?near=15222")
        waited = time.monotonic() - started
    finally:
        silent.close()

    assert_unavailable(response)
    assert waited < 7


@on_postgresql
def test_the_site_recovers_by_itself_when_postgresql_dropped_its_connections(transactional_db):
    """A restart drops every connection the web processes keep (CONN_MAX_AGE); the next
    request finds its kept connection dead and opens a new one (CONN_HEALTH_CHECKS)."""
    meeting = MeetingFactory()
    url = f"/api/v1/meetings/{meeting.slug}/"
    assert Client().get(url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        kept = cursor.fetchone()[0]
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [kept])
    finally:
        other.close()

    # What the WSGI handler does as each request starts (the test client leaves it out).
    close_old_connections()
    assert Client().get(url).status_code == 200
