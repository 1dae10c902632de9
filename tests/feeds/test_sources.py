"""One location is one source: import_meetings refuses a second name for a registered location
or a copy of another source's feed unless told --as-new-source; deleting a source (also in the
admin) archives its meetings, in their history; resolving a conflict keeps "last verified"."""
import json
import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from feeds.importing import import_records, import_source, resolve_conflict
from feeds.models import FeedSource
from feeds.sources import delete_source
from meetings.history import meeting_history
from meetings.models import Meeting, Status
from tests.factories import DATA, FeedSourceFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

FEED = DATA / "meeting-guide" / "intergroup.json"


def run(*args) -> str:
    out = StringIO()
    call_command("import_meetings", *args, "--no-geocode", "--timezone", "America/New_York",
                 stdout=out)
    return out.getvalue()


def test_a_registered_location_under_another_name_is_refused_naming_the_source():
    run(str(FEED), "--source-name", "Pittsburgh AA")
    with pytest.raises(CommandError, match="already registered as the source 'Pittsburgh AA'"):
        run(str(FEED), "--source-name", "Second Pittsburgh")
    assert FeedSource.objects.get().name == "Pittsburgh AA"
    assert Meeting.objects.count() == 8


def test_the_same_file_spelled_another_way_is_the_same_source(monkeypatch):
    run(str(FEED), "--source-name", "Pittsburgh AA")
    monkeypatch.chdir(FEED.parent)
    with pytest.raises(CommandError, match="'Pittsburgh AA'"):
        run("./intergroup.json", "--source-name", "Other")
    output = run("../meeting-guide/intergroup.json")
    assert "8 unchanged" in output
    assert FeedSource.objects.count() == 1


def test_a_copy_of_another_sources_feed_is_refused_unless_asked_as_a_new_source(tmp_path):
    run(str(FEED), "--source-name", "Pittsburgh AA")
    copy = tmp_path / "copy.json"
    shutil.copy(FEED, copy)
    with pytest.raises(CommandError, match="already listed from the source 'Pittsburgh AA'.*"
                                           "--as-new-source"):
        run(str(copy), "--source-name", "Copy")
    assert (FeedSource.objects.count(), Meeting.objects.count()) == (1, 8)

    output = run(str(copy), "--source-name", "Copy", "--as-new-source")
    assert "8 created" in output
    assert FeedSource.objects.count() == 2
    # Once it holds its meetings, refreshing the second source is not refused again.
    assert "8 unchanged" in run(str(copy))


def test_a_site_registered_twin_fails_its_first_run_with_the_reason(tmp_path):
    first = FeedSourceFactory(name="Pittsburgh AA", location=str(FEED))
    import_source(first, geocode=False)
    copy = tmp_path / "copy.json"
    shutil.copy(FEED, copy)
    twin = FeedSourceFactory(name="Twin", location=str(copy))
    with pytest.raises(Exception, match="Pittsburgh AA"):
        import_source(twin, geocode=False)
    twin.refresh_from_db()
    assert twin.last_run_ok is False and "Pittsburgh AA" in twin.last_run_failure
    assert Meeting.objects.count() == 8


def test_a_failing_refresh_of_a_registered_source_is_recorded_as_failed(tmp_path):
    path = tmp_path / "feed.json"
    shutil.copy(FEED, path)
    run(str(path))
    path.unlink()
    with pytest.raises(CommandError, match="Could not read"):
        run(str(path))
    source = FeedSource.objects.get()
    assert source.last_run_ok is False and "Could not read" in source.last_run_failure


def test_a_missing_file_registers_no_source():
    with pytest.raises(CommandError, match="no-such-feed.json"):
        run("/nonexistent/no-such-feed.json")
    assert not FeedSource.objects.exists()


def test_deleting_a_source_archives_its_meetings_in_their_history():
    source = FeedSourceFactory(name="Pittsburgh AA")
    import_records(source, json.loads(FEED.read_text()), geocode=False)
    moderator = ModeratorFactory()
    ids = list(Meeting.objects.filter(source=source).values_list("pk", flat=True))

    assert delete_source(source, by=moderator) == 8

    assert not FeedSource.objects.exists()
    meetings = Meeting.objects.filter(pk__in=ids)
    assert {meeting.status for meeting in meetings} == {Status.ARCHIVED}
    latest = meetings.first().history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        Status.ARCHIVED, moderator, "Feed source deleted: Pittsburgh AA")
    # The archiving is the version's only change: the meetings' focus and languages stay in it.
    for meeting in meetings:
        assert [change.field for change in meeting_history(meeting)[0].changes] == ["status"]


@pytest.mark.parametrize("how", ["one", "bulk"])
def test_deleting_a_source_in_the_admin_archives_its_meetings(admin_client, how):
    source = FeedSourceFactory()
    import_records(source, json.loads(FEED.read_text()), geocode=False)
    if how == "one":
        admin_client.post(f"/admin/feeds/feedsource/{source.pk}/delete/", {"post": "yes"})
    else:
        admin_client.post("/admin/feeds/feedsource/", {
            "action": "delete_selected", "_selected_action": [source.pk], "post": "yes"})
    assert not FeedSource.objects.exists()
    assert set(Meeting.objects.values_list("status", flat=True)) == {Status.ARCHIVED}


@pytest.mark.parametrize("take_feed", [True, False])
def test_resolving_a_conflict_keeps_last_verified(conflict, take_feed):
    Meeting.objects.filter(pk=conflict.meeting_id).update(last_verified=date(2022, 3, 1))
    conflict.refresh_from_db()
    resolve_conflict(conflict, take_feed=take_feed, by=ModeratorFactory())
    assert Meeting.objects.get(pk=conflict.meeting_id).last_verified == date(2022, 3, 1)


def test_conflicts_in_the_admin_list_read_field_names_and_values(admin_client, conflict):
    listing = admin_client.get("/admin/feeds/importconflict/").content.decode()
    assert "Start time" in listing
    assert "17:00" in listing and "19:15" in listing
