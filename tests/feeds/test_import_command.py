"""manage.py import_meetings: files and URLs, JSON and CSV, the summary it prints."""
import functools
import http.server
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from feeds.models import FeedSource
from meetings.models import Meeting
from tests.factories import DATA

FEED = DATA / "meeting-guide" / "intergroup.json"

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_meetings", *args, "--no-geocode", stdout=out)
    return out.getvalue()


@pytest.fixture
def feed_server():
    """A web server on 127.0.0.1 serving tests/data, as an intergroup's site would."""
    handler = functools.partial(_QuietHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_importing_a_file_prints_the_summary_and_registers_the_source():
    output = run(str(FEED), "--source-name", "Pittsburgh AA", "--timezone", "America/New_York")
    assert "Pittsburgh AA: 6 records" in output
    assert "8 created, 0 updated, 0 unchanged, 0 archived, 0 skipped" in output
    source = FeedSource.objects.get()
    assert (source.name, source.location, source.default_timezone) == (
        "Pittsburgh AA", str(FEED), "America/New_York")
    assert Meeting.objects.filter(source=source).count() == 8


def test_running_it_again_reuses_the_source_and_its_settings():
    run(str(FEED), "--timezone", "America/New_York")
    output = run(str(FEED))
    assert "0 created, 0 updated, 8 unchanged" in output
    assert FeedSource.objects.count() == 1


def test_importing_from_a_url(feed_server):
    output = run(f"{feed_server}/meeting-guide/intergroup.json", "--timezone", "America/New_York")
    assert "8 created" in output


def test_a_url_that_answers_404_changes_nothing_and_says_so(feed_server):
    with pytest.raises(CommandError, match="404"):
        run(f"{feed_server}/meeting-guide/gone.json")
    assert not Meeting.objects.exists()


def test_a_page_that_is_not_json_is_refused(feed_server):
    with pytest.raises(CommandError, match="not JSON"):
        run(f"{feed_server}/meeting-guide/not-json.html")


def test_a_json_object_instead_of_a_list_is_refused():
    with pytest.raises(CommandError, match="JSON list of meetings"):
        run(str(DATA / "meeting-guide" / "wrapped-error.json"))


def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match="no-such-feed.json"):
        run("/nonexistent/no-such-feed.json")


def test_skipped_records_are_listed_with_their_reasons():
    output = run(str(DATA / "meeting-guide" / "broken.json"), "--timezone", "America/New_York")
    assert "2 created" in output and "10 skipped" in output
    assert "record 4 (slug 'bad-time'): time: '25:99' is not a time of day" in output


def test_csv_by_its_extension_or_by_format():
    output = run(str(DATA / "csv" / "meetings.csv"))
    assert "2 created" in output and "1 skipped" in output
    assert FeedSource.objects.get().format == "csv"


def test_a_code_set_as_fellowship_reads_its_codes():
    run(str(FEED), "--fellowship", "aca", "--timezone", "America/New_York")
    source = FeedSource.objects.get()
    assert (source.fellowship, source.type_codes) == ("other", "aca")
    # In ACA "S" is Speaker, so Grupo Esperanza is not read as Spanish.
    assert not Meeting.objects.get(source_slug="4512").languages.exists()


def test_an_unknown_fellowship_is_refused_naming_the_choices():
    with pytest.raises(CommandError, match="--fellowship: 'xa' is neither"):
        run(str(FEED), "--fellowship", "xa")


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(CommandError, match="--timezone"):
        run(str(FEED), "--timezone", "Eastern")
