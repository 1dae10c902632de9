"""A run that can't import (a missing file, not JSON, JSON that is not a list of meetings, a
file such as /etc/passwd) is recorded as failed with its reason, never as "0 created"."""
import json

import pytest

from feeds.importing import NotAFeed, import_source
from feeds.records import FeedError
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory

pytestmark = pytest.mark.django_db


def _fails(tmp_path, content=None, name="feed.json", location=None):
    if location is None:
        path = tmp_path / name
        if content is not None:
            path.write_text(content)
        location = str(path)
    source = FeedSourceFactory(location=location)
    with pytest.raises(FeedError):
        import_source(source, geocode=False)
    source.refresh_from_db()
    return source


@pytest.mark.parametrize(("content", "reason"), [
    (None, "Could not read"),
    ("<html>Not here</html>", "not JSON"),
    (json.dumps({"error": "down"}), "JSON list of meetings"),
    (json.dumps([{"id": 1, "title": "Not a meeting"}, {"id": 2}]), "None of the feed's 2 records"),
    (json.dumps([1, 2, 3]), "None of the feed's 3 records"),
], ids=["missing file", "not JSON", "JSON object", "JSON list of other things", "list of numbers"])
def test_a_run_that_cannot_import_is_failed_with_its_reason(tmp_path, content, reason):
    source = _fails(tmp_path, content)
    assert source.last_run_ok is False
    assert reason in source.last_run_failure
    assert "created" not in source.last_run_summary
    assert source.last_run_counts() == ""
    assert not Meeting.objects.exists()


def test_etc_passwd_is_a_failed_run_not_an_empty_import(tmp_path):
    source = _fails(tmp_path, location="/etc/passwd")
    assert source.last_run_ok is False
    assert "not JSON" in source.last_run_failure


def test_a_failed_run_is_shown_failed_with_its_reason_in_the_admin(admin_client, tmp_path):
    _fails(tmp_path, location=str(DATA / "meeting-guide" / "not-json.html"))
    listing = admin_client.get("/admin/feeds/feedsource/").content.decode()
    assert "Failed: The feed is not JSON" in listing
    assert "0 created" not in listing


def test_a_failed_run_after_a_good_one_leaves_the_meetings_as_they_were(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text((DATA / "meeting-guide" / "intergroup.json").read_text())
    source = FeedSourceFactory(location=str(path))
    import_source(source, geocode=False)
    path.write_text("[{\"what\": \"no meetings here\"}]")
    with pytest.raises(NotAFeed):
        import_source(source, geocode=False)
    source.refresh_from_db()
    assert source.last_run_ok is False
    assert Meeting.objects.filter(source=source, status="published").count() == 8
