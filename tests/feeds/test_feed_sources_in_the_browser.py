"""A moderator previews an import of a changed feed from the feed sources page, in headless
Chromium, sees what it would create, archive and conflict with nothing changed yet, then runs
it and sees the run in the list."""
import json
import shutil
from datetime import date, time

import pytest

from feeds.importing import import_records
from feeds.models import ImportConflict
from meetings.models import Meeting, Status
from tests.factories import DATA, FeedSourceFactory, ModeratorFactory

pytestmark = pytest.mark.browser

FEED = DATA / "meeting-guide" / "intergroup.json"


def a_source_with_a_changed_feed(path):
    """A source imported from its feed, one of whose meetings was edited in Village since (and
    last checked in 2022); its feed then moved that meeting to 19:15, dropped "Temporarily
    Online" and added "New Dads Group"."""
    shutil.copy(FEED, path)
    source = FeedSourceFactory(name="Pittsburgh AA", location=str(path))
    import_records(source, json.loads(FEED.read_text()), geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(start_time=time(17),
                                                                 last_verified=date(2022, 5, 2))
    records = json.loads(FEED.read_text())
    records[0]["time"] = "19:15"
    records[0].pop("updated")
    records = [record for record in records if record["slug"] != "temporarily-online"]
    records.append({"name": "New Dads Group", "slug": "new-dads", "day": 3, "time": "18:00",
                    "conference_url": "https://zoom.us/j/123456"})
    path.write_text(json.dumps(records))
    return source


def test_a_moderator_previews_a_changed_feed_then_runs_it(page, log_in, tmp_path):
    source = a_source_with_a_changed_feed(tmp_path / "intergroup.json")
    log_in(page, ModeratorFactory())
    page.goto("/en/moderate/sources/")
    row = page.locator(f"[data-source='{source.pk}']")
    assert "8 created" in row.inner_text()
    row.get_by_role("link", name="Preview").click()
    page.wait_for_url(f"**/moderate/sources/{source.pk}/preview/")

    created = page.locator("section.preview", has_text="Would be created")
    assert "New Dads Group" in created.inner_text()
    assert "Temporarily Online" in page.locator("section.preview",
                                                has_text="Would be archived").inner_text()
    assert "Start time: Village has 17:00, the feed says 19:15" in page.locator(
        "section.preview", has_text="Would conflict").inner_text()
    assert not Meeting.objects.filter(source_slug="new-dads").exists()
    assert not ImportConflict.objects.exists()

    page.get_by_role("button", name="Run this import").click()
    page.wait_for_url("**/moderate/sources/")
    assert "is being refreshed" in page.locator(".messages").inner_text()
    assert "1 created, 0 updated, 7 unchanged, 1 archived" in page.locator(
        f"[data-source='{source.pk}']").inner_text()
    assert Meeting.objects.get(source_slug="new-dads").status == Status.PUBLISHED
    assert Meeting.objects.get(source_slug="temporarily-online").status == Status.ARCHIVED
    sunday = Meeting.objects.get(source_slug="sunday-serenity")
    assert (sunday.start_time, sunday.last_verified) == (time(17), date(2022, 5, 2))
    assert ImportConflict.objects.get().field == "start_time"
