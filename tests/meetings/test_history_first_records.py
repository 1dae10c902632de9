"""Every meeting has a first history record, however it came: seeded, imported, suggested and
approved, added by a coach, or there before history was kept (the data migration); its links
are in it, so the first edit has a diff of just what changed."""
import importlib
import json

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from curation.submissions import approve
from feeds.importing import import_records
from meetings import demo
from meetings.history import meeting_history, save_meeting
from meetings.models import Meeting
from meetings.tasks import place_meetings
from places.models import GeocodedAddress
from tests.factories import (
    DATA,
    CoachFactory,
    FeedSourceFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    new_meeting_data,
)

pytestmark = pytest.mark.django_db
first_records = importlib.import_module("meetings.migrations.0014_first_history_records")


def kinds(meeting):
    return list(meeting.history.order_by("history_date", "history_id").values_list("history_type", flat=True))


def test_every_seeded_demo_meeting_has_one_first_record_with_its_links():
    demo.create_meetings(40, today=timezone.localdate())
    meetings = list(demo.demo_meetings().prefetch_related("focus", "languages"))
    assert all(kinds(meeting) == ["+"] for meeting in meetings)
    linked = next(meeting for meeting in meetings if meeting.languages.exists())
    record = linked.history.get()
    assert sorted(row.language_id for row in record.languages.all()) == sorted(
        linked.languages.values_list("pk", flat=True))
    assert record.history_change_reason == "Demo meeting"


def test_the_first_edit_of_a_seeded_meeting_has_a_diff_of_just_that_edit():
    demo.create_meetings(5, today=timezone.localdate())
    meeting = demo.demo_meetings().filter(languages__isnull=False).first()
    meeting.name = "Renamed"
    save_meeting(meeting, by=CoachFactory(), reason="Edited by a peer coach (checked)")
    latest = meeting_history(meeting)[0]
    assert [change.field for change in latest.changes] == ["name"]


def test_imported_meetings_have_a_first_record_with_their_links():
    source = FeedSourceFactory(name="Pittsburgh AA")
    records = json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())
    import_records(source, records, geocode=False)
    spanish = Meeting.objects.get(source=source, source_slug="4512")
    assert kinds(spanish) == ["+"]
    assert [row.language.code for row in spanish.history.get().languages.all()] == ["es"]
    spanish.notes = "Changed here"
    save_meeting(spanish, reason="edit")
    assert [change.field for change in meeting_history(spanish)[0].changes] == ["notes"]


def test_an_approved_suggestion_and_a_coachs_new_meeting_start_with_a_first_record(client):
    approve(SubmissionFactory().pk, ModeratorFactory())
    suggested = Meeting.objects.get()
    assert kinds(suggested) == ["+"]
    assert suggested.history.get().focus.count() == suggested.focus.count()

    client.force_login(CoachFactory())
    client.post(reverse("submission-new"), new_meeting_data(name="Dads Together"))
    added = Meeting.objects.get(name="Dads Together")
    assert kinds(added) == ["+"]
    assert added.history.get().focus.count() == added.focus.count() == 1


def test_the_migration_gives_a_first_record_to_meetings_without_one_and_leaves_the_others():
    bare = MeetingFactory(focus=["mothers"], languages=["en"])
    bare.history.all().delete()
    kept = MeetingFactory()
    before = kept.history.count()

    first_records.record_first_versions(apps, None)

    assert kinds(bare) == ["+"]
    record = bare.history.get()
    assert (record.name, record.focus.count(), record.languages.count()) == (bare.name, 1, 1)
    assert kept.history.count() == before
    bare.name = "Renamed"
    save_meeting(bare, reason="edit")
    assert [change.field for change in meeting_history(bare)[0].changes] == ["name"]


def test_a_geocoded_version_keeps_the_meetings_links():
    meeting = MeetingFactory(latitude=None, longitude=None, focus=["fathers"])
    entry = GeocodedAddress.objects.create(query=GeocodedAddress.normalize(meeting.address),
                                           status="found", latitude=40.44, longitude=-79.99,
                                           timezone="America/New_York", geocoder="gazetteer")
    place_meetings(entry, [meeting.pk])
    assert {change.field for change in meeting_history(meeting)[0].changes} == {"latitude", "longitude"}
