"""Previewing an import (import_meetings --dry-run, and the source's Preview): which meetings
would be created, updated, archived and conflicted, with nothing changed, recorded or queued."""
import json
from datetime import time
from io import StringIO

import pytest
from django.core.management import call_command

from feeds.importing import import_records, import_source, preview_source
from feeds.models import FeedSource, ImportConflict
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory

pytestmark = pytest.mark.django_db

FEED = DATA / "meeting-guide" / "intergroup.json"


def changed_feed():
    """The intergroup's feed a week later: Sunday Serenity moves to 19:15 (and was moved to
    17:00 in Village meanwhile: a conflict), Hybrid Noon is renamed, Temporarily Online is
    gone, and a new group appears."""
    records = json.loads(FEED.read_text())
    records[0]["time"] = "19:15"
    hybrid = next(record for record in records if record["slug"] == "hybrid-noon")
    hybrid["name"] = "Hybrid Noon Parents"
    records = [record for record in records if record["slug"] != "temporarily-online"]
    records.append({"name": "New Dads Group", "slug": "new-dads", "day": 3, "time": "18:00",
                    "conference_url": "https://zoom.us/j/123456", "types": ["O"]})
    return records


@pytest.fixture
def imported(tmp_path):
    """A source imported once, with a local edit of Sunday Serenity's time; its file now holds
    the changed feed."""
    path = tmp_path / "intergroup.json"
    path.write_text(FEED.read_text())
    source = FeedSourceFactory(name="Pittsburgh AA", location=str(path))
    import_records(source, json.loads(FEED.read_text()), geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(start_time=time(17))
    path.write_text(json.dumps(changed_feed()))
    source.refresh_from_db()
    return source


def state():
    return {
        "meetings": sorted(Meeting.objects.values_list("source_slug", "name", "status",
                                                       "start_time", "last_verified")),
        "history": Meeting.history.count(),
        "conflicts": ImportConflict.objects.count(),
        "runs": list(FeedSource.objects.values_list("pk", "last_run_at", "last_run_report")),
    }


def test_a_preview_names_each_outcome_and_changes_nothing(imported, django_capture_on_commit_callbacks):
    before = state()
    with django_capture_on_commit_callbacks() as callbacks:
        summary = preview_source(imported)
    assert state() == before
    assert callbacks == []  # no geocoding, email or task queued
    names = {outcome: [line.meeting for line in lines] for outcome, lines in summary.listed.items()}
    assert names["created"] == ["New Dads Group (Wednesday 18:00)"]
    assert [line.meeting for line in summary.listed["archived"]] == [
        "Temporarily Online (Tuesday 08:00)"]
    assert [(line.meeting, line.detail) for line in summary.listed["updated"]] == [
        ("Hybrid Noon Parents (Saturday 12:00)", "Name")]
    (conflict,) = summary.listed["conflicts"]
    assert conflict.meeting.startswith("Sunday Serenity")
    assert conflict.detail == "Start time: Village has 17:00, the feed says 19:15"
    assert (summary.created, summary.updated, summary.archived, summary.conflicts) == (1, 1, 1, 1)


def test_running_it_after_the_preview_does_what_the_preview_said(imported):
    preview = preview_source(imported)
    summary = import_source(imported, geocode=False)
    assert preview.counts() | {"seconds": 0} == summary.counts() | {"seconds": 0}
    assert Meeting.objects.get(source_slug="temporarily-online").status == "archived"
    assert ImportConflict.objects.count() == 1


def run(*args) -> str:
    out = StringIO()
    call_command("import_meetings", *args, "--no-geocode", stdout=out)
    return out.getvalue()


def test_dry_run_of_a_registered_source_lists_the_outcomes_and_changes_nothing(imported):
    before = state()
    output = run(imported.location, "--dry-run")
    assert state() == before
    assert "Dry run: nothing was changed." in output
    assert "Would be created:\n  New Dads Group (Wednesday 18:00)" in output
    assert "Would be archived:\n  Temporarily Online (Tuesday 08:00)" in output
    assert "Would be updated:\n  Hybrid Noon Parents (Saturday 12:00): Name" in output
    assert "Would conflict:\n  Sunday Serenity" in output


def test_dry_run_of_a_new_location_registers_nothing():
    output = run(str(FEED), "--dry-run", "--source-name", "Pittsburgh AA", "--timezone",
                 "America/New_York")
    assert "8 created" in output
    assert (FeedSource.objects.count(), Meeting.objects.count(), Meeting.history.count()) == (0, 0, 0)
